"""Import of an existing steering-group roster, as the secretariat keeps it.

The header row names the columns, in Danish or English, in any order (see
``steering/imports/columns.py`` for the names recognised and
``steering/import_samples/roster_sample.csv`` for the export's own names). Required: an
e-mail, a name (first and last, or one full name), the database, the role and the term's
start. Values are read as people write them (``values.py``); workplaces not in the
register word for word are matched to the hospital they name (``workplaces.py``).

People are matched by e-mail and seats by person + group + role, so importing the same
file again changes nothing. The import is all-or-nothing: one bad row and nothing is
written. Every write goes through the steering and regions services.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from rkkp_portal.forms import field_errors
from steering.imports import values
from steering.imports.workplaces import Workplaces
from steering.models import Membership, Person, SteeringGroup
from steering.models.memberships import AppointingBody
from steering.models.people import Profession
from steering.register.services.memberships import (
    DEFAULT_APPOINTING_BODY,
    appoint_member,
    default_term_end,
    edit_membership,
    register_person,
    update_person,
)

# The export's columns (steering/register/exports.py), which the import reads back as they are.
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
# The columns whose values the secretariat may map by hand before the preview.
MAPPED = ("role", "region", "database")

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
    number: int  # the row's number in the spreadsheet, the header being row 1
    data: dict
    outcome: str = Outcome.UNCHANGED
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # warnings; the row imports

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "data": self.data,
            "outcome": self.outcome,
            "errors": self.errors,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, stored: dict) -> "RowResult":
        return cls(
            number=stored["number"],
            data=stored["data"],
            outcome=stored["outcome"],
            errors=[tuple(e) for e in stored["errors"]],
            notes=[tuple(n) for n in stored["notes"]],
        )

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass
class ImportResult:
    rows: list[RowResult]
    committed: bool

    @property
    def has_errors(self) -> bool:
        return any(r.errors for r in self.rows)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def new_seats(self) -> int:
        return self.count(Outcome.NEW_SEAT) + self.count(Outcome.NEW_PERSON_AND_SEAT)


class RowError(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors


def run_import(
    *,
    actor,
    rows: list[dict],
    dry_run: bool,
    value_map: dict | None = None,
    notify: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Apply every row; commit only when none failed and this is not a dry run.

    ``value_map`` ({"role": {"as written": "code"}, …}) is the secretariat's own reading of
    values, before the automatic one. ``notify`` sends welcome letters to new active seats.
    ``progress(done, failed)`` is called as rows are done."""
    lookups = _Lookups(value_map or {})
    results = []
    with transaction.atomic():
        for index, data in enumerate(rows, start=2):
            result = RowResult(number=data.get("row", index), data=data)
            try:
                with transaction.atomic():
                    result.outcome = _apply(actor, data, lookups, result.notes, notify)
            except RowError as error:
                result.outcome, result.errors = Outcome.ERROR, error.errors
            except ValidationError as error:
                result.outcome, result.errors = Outcome.ERROR, _column_errors(error)
            results.append(result)
            if progress is not None:
                progress(len(results), sum(1 for r in results if r.errors))
        failed = any(r.errors for r in results)
        if dry_run or failed:
            transaction.set_rollback(True)
    return ImportResult(rows=results, committed=not (dry_run or failed))


class _Lookups:
    """The register's groups, regions and workplaces, read once per import."""

    def __init__(self, value_map: dict):
        self.value_map = value_map
        self.roles = values.roles()
        self.regions_vocabulary = values.regions()
        self.databases = values.databases()
        self.bodies = values.bodies()
        self.groups = {
            group.database.slug: group for group in SteeringGroup.objects.select_related("database")
        }
        self.regions = {region.code: region for region in Region.objects.all()}
        self.workplaces = Workplaces()

    def code(self, column: str, value: str, vocabulary: values.Vocabulary) -> str | None:
        chosen = self.value_map.get(column, {})
        if value in chosen:  # read by hand; "" is "no match"
            return chosen[value] or None
        return vocabulary.match(value)


def _apply(actor, data: dict, lookups: _Lookups, notes: list, notify: bool) -> str:
    cleaned = _clean(data, lookups)
    workplace = cleaned["workplace"]
    if workplace is not None:
        if workplace.note:
            notes.append(("workplace", workplace.note))
        if workplace.new_department:
            cleaned["employer"] = lookups.workplaces.create_department(actor=actor, match=workplace)
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
            notify=notify,
            **seat_fields,
        )
        return Outcome.NEW_PERSON_AND_SEAT if new_person else Outcome.NEW_SEAT
    if any(getattr(seat, k) != v for k, v in seat_fields.items()):
        edit_membership(actor=actor, membership=seat, **seat_fields)
        return Outcome.UPDATED
    return Outcome.UPDATED if person_changed else Outcome.UNCHANGED


def _clean(data: dict, lookups: _Lookups) -> dict:
    """Read every cell; report all of a row's problems at once."""
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

    text = data.get("workplace", "").strip()
    cleaned["workplace"] = lookups.workplaces.match(text) if text else None
    cleaned["employer"] = cleaned["workplace"].organisation if text else None

    database = need("database")
    slug = lookups.code("database", database, lookups.databases) if database else None
    cleaned["group"] = lookups.groups.get(slug) if slug else None
    if database and cleaned["group"] is None:
        message = _("No database called “%s”.") % database
        errors.append(("database", values.unknown(message, database, lookups.databases)))

    role = need("role")
    cleaned["role"] = lookups.code("role", role, lookups.roles) if role else ""
    if role and not cleaned["role"]:
        message = _("Unknown role “%s”.") % role
        errors.append(("role", values.unknown(message, role, lookups.roles)))

    region = data.get("region", "").strip()
    code = lookups.code("region", region, lookups.regions_vocabulary) if region else None
    cleaned["region"] = lookups.regions.get(code) if code else None
    if region and cleaned["region"] is None:
        message = _("Unknown region “%s”.") % region
        errors.append(("region", values.unknown(message, region, lookups.regions_vocabulary)))

    body_text = data.get("appointing_body", "").strip()
    body = lookups.bodies.match(body_text) if body_text else None
    if body_text and body is None:
        message = _("Unknown appointing body “%s”.") % body_text
        errors.append(("appointing_body", values.unknown(message, body_text, lookups.bodies)))
    cleaned["appointing_body"] = body or DEFAULT_APPOINTING_BODY.get(
        cleaned["role"], AppointingBody.RKKP
    )

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


def _date(value: str, column: str, errors: list):
    if not value:
        return None
    parsed, problem = values.parse_date(value)
    if problem:
        errors.append((column, problem))
    return parsed


def _column_errors(error: ValidationError) -> list[tuple[str, str]]:
    return [
        (FIELD_COLUMNS.get(name, name) if name else "", message)
        for name, message in field_errors(error)
    ]
