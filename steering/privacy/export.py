"""Everything held about one person, as one JSON document or one CSV file.

``collect`` reads every section of ``steering.privacy.sections`` (and the history rows of
those records); ``as_json`` and ``as_csv`` render the same data, so the two never
disagree. Values are what a person reads: names for linked records, labels for choices,
ISO 8601 dates. The number of queries depends on the number of sections, not on how
much is held.
"""

import datetime
import decimal
import io
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from representatives.eligibility import EligibilityPolicy, eligibility_problems
from rkkp_portal.spreadsheets import FORMULA_STARTS, csv_writer
from steering.history import KIND_LABELS, RELATED_JOINS
from steering.models import Person
from steering.privacy.sections import CHANGE_LOGS, CHANGES_MADE, Section, installed_sections

HISTORY_FIELDS = ("history_date", "history_type", "history_user", "history_change_reason")
CSV_COLUMNS = ("section", "record", "field", "label", "value")
ADMIN_FLAGS = {1: "+", 2: "~", 3: "-"}  # django.contrib.admin.models ADDITION, CHANGE, DELETION


@dataclass
class SectionData:
    key: str
    title: str
    labels: dict[str, str] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "fields": self.labels,
            "records": self.records,
            "history": self.history,
        }


@dataclass
class PersonData:
    person_id: int
    name: str
    generated_at: datetime.datetime
    sections: list[SectionData]

    def as_dict(self) -> dict:
        return {
            "person": {"id": self.person_id, "name": self.name},
            "generated_at": _plain(self.generated_at),
            "sections": {section.key: section.as_dict() for section in self.sections},
        }


def collect(person: Person) -> PersonData:
    person = Person.objects.select_related("user", "employer__kind").get(pk=person.pk)
    subjects = {
        "person": [person.pk],
        "user": [person.user_id] if person.user_id else [],
        "email": sorted(
            {e.lower() for e in (person.email, getattr(person.user, "email", "")) if e}
        ),
    }
    sections = [_section(section, subjects) for section in installed_sections()]
    _add_derived_facts(person, {s.key: s for s in sections})
    sections.append(_changes_made(person.user))
    return PersonData(person.pk, person.full_name, timezone.now(), sections)


def _section(section: Section, subjects: dict[str, list]) -> SectionData:
    model = apps.get_model(section.model)
    data = SectionData(section.key, str(section.title))
    condition = history_condition = Q()
    for lookup, subject in section.lookups:
        # A historical row's own pk is history_id; the record's id is a plain field there.
        history_lookup = model._meta.pk.name if lookup == "pk" else lookup
        for value in subjects[subject]:
            condition |= Q(**{lookup: value})
            history_condition |= Q(**{history_lookup: value})
    if not condition:  # e.g. no login: nothing of the login's can be held
        data.labels = {f.name: _label(f) for f in _fields(model, section)}
        return data
    rows = list(model._default_manager.filter(condition).distinct().order_by("pk"))
    history_rows = []
    if section.history and hasattr(model, "history"):
        history_rows = list(
            model.history.model.objects.filter(history_condition).order_by("history_id")
        )
    fields = _fields(model, section)
    data.labels = {f.name: _label(f) for f in fields}
    names = _RelatedNames(fields, rows + history_rows)
    data.records = [{"id": row.pk} | _values(row, fields, names) for row in rows]
    if history_rows:
        history_model = model.history.model
        meta = [history_model._meta.get_field(name) for name in HISTORY_FIELDS]
        names.add(meta, history_rows)
        data.history = [
            {"history_id": row.history_id, "id": _object_id(row, model)}
            | _values(row, meta, names)
            | _values(row, _same_fields(history_model, fields), names)
            for row in history_rows
        ]
    return data


def _object_id(history_row, model) -> int:
    return getattr(history_row, model._meta.pk.attname)


def _fields(model, section: Section) -> list[models.Field]:
    if section.fields is not None:
        return [model._meta.get_field(name) for name in section.fields]
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in section.secret
    ]


def _same_fields(history_model, fields: list[models.Field]) -> list[models.Field]:
    """The exported fields as the historical model has them (some are not tracked)."""
    names = {f.name for f in history_model._meta.concrete_fields}
    return [history_model._meta.get_field(f.name) for f in fields if f.name in names]


def _label(model_field) -> str:
    return str(getattr(model_field, "verbose_name", model_field.name))


class _RelatedNames:
    """Names of linked records, fetched in one query per related model."""

    def __init__(self, fields, rows):
        self.objects: dict[type, dict] = {}
        self.add(fields, rows)

    def add(self, fields, rows) -> None:
        wanted: dict[type, set] = defaultdict(set)
        for model_field in fields:
            if model_field.is_relation and model_field.concrete:
                for row in rows:
                    value = getattr(row, model_field.attname, None)
                    if value is not None:
                        wanted[model_field.related_model].add(value)
        for related, ids in wanted.items():
            known = self.objects.setdefault(related, {})
            missing = ids - known.keys()
            if missing:
                joins = RELATED_JOINS.get(related._meta.label, ())
                known.update(related._default_manager.select_related(*joins).in_bulk(missing))

    def name(self, related, value) -> str:
        obj = self.objects.get(related, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"


def _values(row, fields, names: _RelatedNames) -> dict:
    values = {}
    for model_field in fields:
        value = getattr(row, model_field.attname, None)
        if model_field.is_relation and value is not None:
            value = names.name(model_field.related_model, value)
        elif model_field.choices and value not in (None, ""):
            value = str(dict(model_field.flatchoices).get(value, value))
        values[model_field.name] = _plain(value)
    return values


def _plain(value):
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _add_derived_facts(person: Person, sections: dict[str, SectionData]) -> None:
    """Facts that are not a field: leadership eligibility, MFA, a calendar address."""
    problems = eligibility_problems(person, EligibilityPolicy.load())
    facts = {
        "leadership_eligibility": "; ".join(problems) or _("Eligible"),
        "has_calendar_address": bool(sections["calendar_address"].records),
    }
    sections["person"].labels |= {
        "leadership_eligibility": _("eligibility as leadership representative"),
        "has_calendar_address": _("has a calendar subscription address"),
    }
    for record in sections["person"].records:
        record.update(facts)
    sections["login"].labels["mfa_enrolled"] = _("uses two-factor authentication")
    for record in sections["login"].records:
        record["mfa_enrolled"] = bool(sections["two_factor_methods"].records)


def _changes_made(user) -> SectionData:
    key, title = CHANGES_MADE
    data = SectionData(
        key,
        str(title),
        labels={"record": _("record"), "when": _("when"), "change": _("change")},
    )
    if user is None:
        return data
    for model in apps.get_models():
        if not model.__name__.startswith("Historical") or not hasattr(model, "instance_type"):
            continue
        base = model.instance_type
        pk_name = base._meta.pk.attname
        for object_id, when, kind in model.objects.filter(history_user=user).values_list(
            pk_name, "history_date", "history_type"
        ):
            data.records.append(
                {
                    "record": f"{base._meta.verbose_name} #{object_id}",
                    "when": _plain(when),
                    "change": str(KIND_LABELS.get(kind, kind)),
                }
            )
    for label, user_field in CHANGE_LOGS:
        log = apps.get_model(label)
        for when, content_type, object_id, flag in (
            log._default_manager.filter(**{user_field: user})
            .select_related("content_type")
            .values_list("action_time", "content_type__model", "object_id", "action_flag")
        ):
            change = str(KIND_LABELS.get(ADMIN_FLAGS.get(flag), flag))
            data.records.append(
                {
                    "record": f"{content_type} #{object_id} (admin)",
                    "when": _plain(when),
                    "change": change,
                }
            )
    data.records.sort(key=lambda r: r["when"])
    for number, record in enumerate(data.records, start=1):
        record["id"] = number
    return data


def as_json(data: PersonData) -> str:
    return json.dumps(data.as_dict(), ensure_ascii=False, indent=2)


def as_csv(data: PersonData) -> str:
    """One row per value: section, record (``memberships#12``, ``memberships.history#40``),
    field, its label and the value — one file, whatever the shape of each section."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    for section in data.sections:
        labels = section.labels
        for rows, prefix, id_key in (
            (section.records, section.key, "id"),
            (section.history, f"{section.key}.history", "history_id"),
        ):
            for row in rows:
                record = f"{prefix}#{row.get(id_key, '')}"
                for name, value in row.items():
                    writer.writerow(
                        [section.key, record, name, labels.get(name, name), _text(value)]
                    )
    return "\ufeff" + out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # A spreadsheet would run a cell that starts like a formula (CSV injection).
    return f"'{text}" if text[:1] in FORMULA_STARTS else text
