"""Import of an existing steering-group roster.

Columns (the header row names them; order is free; see
``steering/import_samples/roster_sample.csv``):

==================  ========  ===============================================================
column              required  content
==================  ========  ===============================================================
email               yes       work e-mail; identifies the person
first_name          yes       first name
last_name           yes       last name
title               no        job title
profession          no        physician, nurse, … (the register's codes)
workplace           no        the organisation's name exactly as in the register
database            yes       the database's short address (slug) or acronym
role                yes       chair, member, society, patient, leadership, municipal, observer
region              no*       region code (hovedstaden, sjaelland, syddanmark, midtjylland,
                              nordjylland); *required for role ``member``
appointing_body     no        region, society, circle, patient_organisation, general_practice,
                              municipalities, rkkp (default: the usual body for the role)
term_start          yes       YYYY-MM-DD (or DD-MM-YYYY)
term_end            no        YYYY-MM-DD; empty: four years
term_number         no        1, 2, …; empty: 1
==================  ========  ===============================================================

People are matched by e-mail and seats by person + group + role, so importing the same
file again changes nothing. The import is all-or-nothing: one bad row and nothing is
written. Every write goes through the steering services.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Organisation, Region
from rkkp_portal.forms import EARLIEST, LATEST, field_errors, in_range
from steering.models import Membership, Person, SteeringGroup
from steering.models.memberships import AppointingBody, Role
from steering.models.people import Profession
from steering.register.services.memberships import (
    DEFAULT_APPOINTING_BODY,
    appoint_member,
    default_term_end,
    edit_membership,
    register_person,
    update_person,
)

COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "title",
    "profession",
    "workplace",
    "database",
    "role",
    "region",
    "appointing_body",
    "term_start",
    "term_end",
    "term_number",
)
REQUIRED = {"email", "first_name", "last_name", "database", "role", "term_start"}

# A service's error on a model field is reported under the column it came from.
FIELD_COLUMNS = {
    "employer": "workplace",
    "representing_region": "region",
    "group": "database",
    "person": "email",
}


class Outcome:
    NEW_PERSON_AND_SEAT = "new_person_and_seat"
    NEW_SEAT = "new_seat"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ERROR = "error"


OUTCOME_LABELS = {
    Outcome.NEW_PERSON_AND_SEAT: gettext_lazy("New person and new seat"),
    Outcome.NEW_SEAT: gettext_lazy("New seat for a person in the register"),
    Outcome.UPDATED: gettext_lazy("Updated"),
    Outcome.UNCHANGED: gettext_lazy("Unchanged"),
    Outcome.ERROR: gettext_lazy("Error"),
}


@dataclass
class RowResult:
    number: int  # the row's line in the file, the header being line 1
    data: dict
    outcome: str = Outcome.UNCHANGED
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[RowResult]
    committed: bool

    @property
    def has_errors(self) -> bool:
        return any(r.errors for r in self.rows)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


class RowError(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors


def run_import(*, actor, rows: list[dict], dry_run: bool) -> ImportResult:
    """Apply every row; commit only when none failed and this is not a dry run."""
    lookups = _Lookups()
    results = []
    with transaction.atomic():
        for index, data in enumerate(rows, start=2):
            result = RowResult(number=index, data=data)
            try:
                with transaction.atomic():
                    result.outcome = _apply(actor, data, lookups)
            except RowError as error:
                result.outcome, result.errors = Outcome.ERROR, error.errors
            except ValidationError as error:
                result.outcome, result.errors = Outcome.ERROR, _column_errors(error)
            results.append(result)
        failed = any(r.errors for r in results)
        if dry_run or failed:
            transaction.set_rollback(True)
    return ImportResult(rows=results, committed=not (dry_run or failed))


class _Lookups:
    """The register's groups, regions and workplaces, read once per import."""

    def __init__(self):
        self.groups = {}
        for group in SteeringGroup.objects.select_related("database"):
            self.groups[group.database.slug.lower()] = group
            if group.database.acronym:
                self.groups.setdefault(group.database.acronym.lower(), group)
        self.regions = {r.code: r for r in Region.objects.all()}
        self.workplaces = {}
        for organisation in Organisation.objects.order_by("pk"):
            self.workplaces.setdefault(organisation.name.lower(), organisation)


def _apply(actor, data: dict, lookups: _Lookups) -> str:
    cleaned = _clean(data, lookups)
    person = Person.objects.filter(email__iexact=cleaned["email"]).first()
    details = {
        "first_name": cleaned["first_name"],
        "last_name": cleaned["last_name"],
        "title": cleaned["title"],
        "profession": cleaned["profession"],
    }
    if cleaned["employer"] is not None:
        details["employer"] = cleaned["employer"]
    person_changed = False
    if person is None:
        person = register_person(actor=actor, email=cleaned["email"], **details)
        new_person = True
    else:
        new_person = False
        # Blank cells keep what the register knows.
        wanted = {k: v for k, v in details.items() if v not in ("", None)}
        if any(getattr(person, k) != v for k, v in wanted.items()):
            update_person(actor=actor, person=person, **wanted)
            person_changed = True

    seat_fields = {
        "representing_region": cleaned["region"],
        "appointing_body": cleaned["appointing_body"],
        "term_start": cleaned["term_start"],
        "term_end": cleaned["term_end"],
        "term_number": cleaned["term_number"],
    }
    seat = (
        Membership.objects.current()
        .filter(person=person, group=cleaned["group"], role=cleaned["role"])
        .first()
    )
    if seat is None:
        appoint_member(
            actor=actor,
            person=person,
            group=cleaned["group"],
            role=cleaned["role"],
            notify=False,
            **seat_fields,
        )
        return Outcome.NEW_PERSON_AND_SEAT if new_person else Outcome.NEW_SEAT
    if any(getattr(seat, k) != v for k, v in seat_fields.items()):
        edit_membership(actor=actor, membership=seat, **seat_fields)
        return Outcome.UPDATED
    return Outcome.UPDATED if person_changed else Outcome.UNCHANGED


def _clean(data: dict, lookups: _Lookups) -> dict:
    """Check every cell's format; report all of a row's problems at once."""
    errors: list[tuple[str, str]] = []
    cleaned: dict = {}

    def need(column: str) -> str:
        value = data.get(column, "").strip()
        if not value:
            errors.append((column, _("This column must be filled in.")))
        return value

    email = need("email").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(("email", _("“%s” is not a valid e-mail address.") % email))
    cleaned["email"] = email
    cleaned["first_name"] = need("first_name")
    cleaned["last_name"] = need("last_name")
    cleaned["title"] = data.get("title", "").strip()

    profession = data.get("profession", "").strip().lower()
    if profession and profession not in Profession.values:
        errors.append(("profession", _("Unknown professional background “%s”.") % profession))
    cleaned["profession"] = profession

    workplace = data.get("workplace", "").strip()
    cleaned["employer"] = lookups.workplaces.get(workplace.lower()) if workplace else None
    if workplace and cleaned["employer"] is None:
        errors.append(("workplace", _("No workplace called “%s” in the register.") % workplace))

    database = need("database")
    cleaned["group"] = lookups.groups.get(database.lower())
    if database and cleaned["group"] is None:
        errors.append(("database", _("No database with the address or acronym “%s”.") % database))

    role = need("role").lower()
    if role and role not in Role.values:
        errors.append(
            (
                "role",
                _("Unknown role “%(role)s”; use one of %(roles)s.")
                % {"role": role, "roles": ", ".join(Role.values)},
            )
        )
    cleaned["role"] = role

    region = data.get("region", "").strip().lower()
    cleaned["region"] = lookups.regions.get(region) if region else None
    if region and cleaned["region"] is None:
        errors.append(("region", _("Unknown region code “%s”.") % region))

    body = data.get("appointing_body", "").strip().lower()
    if body and body not in AppointingBody.values:
        errors.append(("appointing_body", _("Unknown appointing body “%s”.") % body))
    cleaned["appointing_body"] = body or DEFAULT_APPOINTING_BODY.get(role, AppointingBody.RKKP)

    cleaned["term_start"] = _date(need("term_start"), "term_start", errors)
    end = data.get("term_end", "").strip()
    cleaned["term_end"] = _date(end, "term_end", errors) if end else None
    if cleaned["term_end"] is None and cleaned["term_start"] is not None:
        cleaned["term_end"] = default_term_end(cleaned["term_start"])

    number = data.get("term_number", "").strip() or "1"
    if not number.isdigit() or int(number) < 1:
        errors.append(("term_number", _("The term number must be a whole number from 1.")))
    else:
        cleaned["term_number"] = int(number)

    if errors:
        raise RowError(errors)
    return cleaned


def _date(value: str, column: str, errors: list) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            parsed = datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not in_range(parsed):
            errors.append(
                (
                    column,
                    _("“%(date)s” is outside the years %(earliest)d–%(latest)d.")
                    % {
                        "date": value,
                        "earliest": EARLIEST.year,
                        "latest": LATEST.year,
                    },
                )
            )
            return None
        return parsed
    errors.append((column, _("“%s” is not a date; write it as YYYY-MM-DD.") % value))
    return None


def _column_errors(error: ValidationError) -> list[tuple[str, str]]:
    return [
        (FIELD_COLUMNS.get(name, name) if name else "", message)
        for name, message in field_errors(error)
    ]
