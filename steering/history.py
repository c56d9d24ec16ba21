"""The change history of register objects, as field-level differences people can read.

Every historical row is compared with the one before it for the same object
(django-simple-history's ``diff_against``). Values of foreign keys are looked up in one
query per related model, so a page with a long history costs the same few queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Bookkeeping that is not a change anyone made.
EXCLUDED_FIELDS = {"created_at", "claimed_at"}

# What a related object's name reads, so naming many of them costs one query.
RELATED_JOINS = {
    "steering.SteeringGroup": ("database",),
    "steering.Membership": ("person", "group__database"),
    "regions.Organisation": ("parent",),
}

KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: object
    who: str
    kind: str
    subject: str
    object_id: int
    fields: list[FieldChange] = field(default_factory=list)


def changes_for(
    historical: models.QuerySet,
    *,
    limit: int = 50,
    subject: Callable[[object], str] | None = None,
    known: Iterable[models.Model | None] = (),
) -> list[Change]:
    """The newest ``limit`` changes among the given historical rows, newest first.

    ``historical`` is e.g. ``ClinicalDatabase.history.filter(id=pk)``; ``subject`` names
    the object a row belongs to when the list mixes several objects; related objects in
    ``known`` (the page has them already) are named without looking them up again.
    """
    records = list(historical.select_related("history_user").order_by("history_date", "pk"))
    if not records:
        return []
    model = records[0].instance_type
    pk_name = model._meta.pk.attname
    previous: dict[int, object] = {}
    pairs = []
    for record in records:
        object_id = getattr(record, pk_name)
        pairs.append((record, previous.get(object_id)))
        previous[object_id] = record
    pairs = pairs[-limit:]

    raw = []
    for record, before in pairs:
        if before is None:
            diffs = [
                (name, None, value)
                for name, value in _values(record).items()
                if value not in (None, "", [])
            ]
        else:
            delta = record.diff_against(before, excluded_fields=EXCLUDED_FIELDS)
            diffs = [(c.field, c.old, c.new) for c in delta.changes]
        raw.append((record, diffs))

    display = _Display(model, [d for _, diffs in raw for d in diffs], known)
    changes = []
    for record, diffs in reversed(raw):
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=str(user) if user is not None else str(_("The system")),
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                subject=subject(record) if subject else "",
                object_id=getattr(record, pk_name),
                fields=[
                    FieldChange(
                        display.label(name), display.value(name, old), display.value(name, new)
                    )
                    for name, old, new in diffs
                ],
            )
        )
    return changes


def _values(record) -> dict:
    return {
        f.name: f.value_from_object(record)
        for f in record.tracked_fields
        if f.editable and f.name not in EXCLUDED_FIELDS
    }


class _Display:
    """Turns stored values into what a person reads: choice labels, names for keys."""

    def __init__(self, model, diffs: list[tuple[str, object, object]], known=()):
        self.model = model
        wanted: dict[type, set] = defaultdict(set)
        for name, old, new in diffs:
            model_field = self._field(name)
            if model_field is not None and model_field.is_relation:
                wanted[model_field.related_model].update(v for v in (old, new) if v is not None)
        self.objects: dict[type, dict] = defaultdict(dict)
        for obj in known:
            if obj is not None:
                self.objects[obj._meta.concrete_model][obj.pk] = obj
        for related, ids in wanted.items():
            missing = ids - self.objects[related].keys()
            if missing:
                joins = RELATED_JOINS.get(related._meta.label, ())
                manager = related._default_manager.select_related(*joins)
                self.objects[related].update(manager.in_bulk(missing))

    def _field(self, name: str):
        try:
            return self.model._meta.get_field(name)
        except Exception:  # a field the model no longer has
            return None

    def label(self, name: str) -> str:
        model_field = self._field(name)
        return str(model_field.verbose_name) if model_field is not None else name

    def value(self, name: str, value) -> str:
        if value is None or value == "":
            return "—"
        model_field = self._field(name)
        if model_field is None:
            return str(value)
        if model_field.is_relation:
            obj = self.objects.get(model_field.related_model, {}).get(value)
            return str(obj) if obj is not None else f"#{value}"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if isinstance(value, list):  # a group's reminder days
            return ", ".join(str(item) for item in value) or "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return date_format(value, "SHORT_DATE_FORMAT")
        return str(value)
