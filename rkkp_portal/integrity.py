"""Turn a database constraint violation into the form error a person can act on.

Services validate with ``full_clean()`` first, but two concurrent requests can both pass
validation; the database constraint then decides, and this keeps that race from
becoming a 500.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def constraint_errors_as_validation(model):
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        text = str(exc)
        for constraint in model._meta.constraints:
            if constraint.name in text:
                raise ValidationError(
                    constraint.get_violation_error_message(), code=constraint.name
                ) from exc
        raise
