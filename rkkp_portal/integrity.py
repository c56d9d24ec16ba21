"""Turn a database constraint violation into the form error a person can act on.

Services validate with ``full_clean()`` first, but two concurrent requests can both pass
validation; the database constraint then decides, and this keeps that race from
becoming a 500.

The database names the constraint it enforced, each in its own words: PostgreSQL quotes
the name (``violates unique constraint "one_message_per_idempotency_key"``), SQLite names
a CHECK constraint (``CHECK constraint failed: meeting_ends_after_it_starts``) and a
unique index on expressions (``UNIQUE constraint failed: index 'unique_person_email'``),
but a unique index on columns only by its columns (``UNIQUE constraint failed:
steering_membership.person_id, steering_membership.group_id``).
"""

import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BaseConstraint, UniqueConstraint

SQLITE_UNIQUE_COLUMNS = re.compile(r"^UNIQUE constraint failed: (?P<columns>[\w.]+(?:, [\w.]+)*)$")


def violated_constraint(model, error: IntegrityError) -> BaseConstraint | None:
    """The constraint of ``model`` that ``error`` reports, or None if it is not one of them."""
    text = str(error)
    for constraint in model._meta.constraints:
        if re.search(rf"(?<!\w){re.escape(constraint.name)}(?!\w)", text):
            return constraint
    match = SQLITE_UNIQUE_COLUMNS.match(text.strip())
    if match is None:
        return None
    columns = set(match["columns"].split(", "))
    table = model._meta.db_table
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            named = {f"{table}.{model._meta.get_field(f).column}" for f in constraint.fields}
            if named == columns:
                return constraint
    return None


@contextmanager
def constraint_errors_as_validation(model):
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        constraint = violated_constraint(model, exc)
        if constraint is None:
            raise
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.name
        ) from exc
