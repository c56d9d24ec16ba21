"""Lists as spreadsheets: CSV (UTF-8 with a byte-order mark, so Excel keeps æ, ø and å)
and XLSX, built with tablib from the same querysets the pages show."""

import re

import tablib
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from steering import compliance

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV
# injection); a leading apostrophe makes it text. The roster import removes it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that already looks quoted ('=x, ''=x) is quoted once more, so that the import, which
# takes one apostrophe off exactly these, gives back what was typed.
QUOTED_FORMULA = re.compile(r"'+[=+\-@]")


# Control characters XML cannot hold: openpyxl refuses to write them, so one typed into a
# name (an escape sequence pasted from a terminal, say) would break the whole XLSX.
ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_text(value):
    """The value, made inert if it is text a spreadsheet would read as a formula, and
    without the control characters a spreadsheet cannot contain."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_IN_XML.sub("", value)
    if value.startswith(FORMULA_STARTS) or QUOTED_FORMULA.match(value):
        return "'" + value
    return value


def neutralise(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset in which no text cell is a formula."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([spreadsheet_text(value) for value in row])
    return safe


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def respond(dataset: tablib.Dataset, fmt: str, basename: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    dataset = neutralise(dataset)
    if fmt == "csv":
        content: bytes = ("\ufeff" + dataset.export("csv")).encode("utf-8")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.{fmt}"'
    return response


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
                seat.term_start.isoformat(),
                seat.term_end.isoformat() if seat.term_end else "",
                seat.term_number,
            ]
        )
    return dataset


def failing_groups(rows: list[tuple[str, list]]) -> tablib.Dataset:
    """The compliance dashboard: one row per rule and failing group
    (``compliance_cache.GroupStatus``, finding)."""
    dataset = tablib.Dataset(
        headers=[_("Rule"), _("Database"), _("Finding")], title=_("Composition")
    )
    for label, items in rows:
        for group, finding in items:
            dataset.append([str(label), group.name, str(finding.message)])
    return dataset


def _seat_term(seat) -> str:
    end = seat.term_end.isoformat() if seat.term_end else "…"
    return f"{seat.term_start.isoformat()}–{end}"
