"""Lists as spreadsheets, built with tablib from the same querysets the pages show; cells
keep their types (dates, numbers) and rkkp_portal.spreadsheets writes them for Excel."""

import tablib
from django.utils.translation import gettext as _

from steering.compliance import checks as compliance


def databases(queryset) -> tuple[tablib.Dataset, dict]:
    """One row per database, with its active seat count and composition findings."""
    rows = list(queryset)
    findings = compliance.findings_for_groups([d.steering_group for d in rows])
    dataset = tablib.Dataset(
        headers=[
            _("Name"),
            _("Acronym"),
            _("Umbrella"),
            _("Disease area"),
            _("Status"),
            _("Indicators"),
            _("RKKP contact person"),
            _("Active seats"),
            _("Composition findings"),
        ],
        title=_("Databases"),
    )
    for database in rows:
        dataset.append(
            [
                database.name,
                database.acronym,
                database.get_umbrella_display(),
                database.disease_area,
                database.get_status_display(),
                database.indicator_count,
                database.contact_person.email if database.contact_person else "",
                database.seat_count,
                "; ".join(str(f.label) for f in findings[database.steering_group.pk]),
            ]
        )
    return dataset, findings


def people(queryset) -> tablib.Dataset:
    """One row per person; their current seats listed in one cell (prefetched as ``seats``)."""
    dataset = tablib.Dataset(
        headers=[
            _("First name"),
            _("Last name"),
            _("Work e-mail"),
            _("Work phone"),
            _("Job title"),
            _("Workplace"),
            _("Region of employment"),
            _("Current seats"),
        ],
        title=_("People"),
    )
    for person in queryset:
        dataset.append(
            [
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                person.title,
                str(person.employer) if person.employer else "",
                person.region.name if person.region else "",
                "; ".join(
                    f"{seat.group.database.acronym or seat.group.database.name}"
                    f" ({seat.get_role_display()}, {_seat_term(seat)})"
                    for seat in person.seats
                ),
            ]
        )
    return dataset


def roster(seats) -> tablib.Dataset:
    """A group's seats, in the columns the roster import reads."""
    from steering.imports.roster import COLUMNS

    dataset = tablib.Dataset(headers=list(COLUMNS), title=_("Roster"))
    for seat in seats:
        person = seat.person
        dataset.append(
            [
                person.email,
                person.first_name,
                person.last_name,
                person.title,
                person.profession,
                person.employer.name if person.employer else "",
                seat.group.database.slug,
                seat.role,
                seat.representing_region.code if seat.representing_region else "",
                seat.appointing_body,
                seat.term_start,
                seat.term_end,
                seat.term_number,
            ]
        )
    return dataset


def _seat_term(seat) -> str:
    end = seat.term_end.isoformat() if seat.term_end else "…"
    return f"{seat.term_start.isoformat()}–{end}"
