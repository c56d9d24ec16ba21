"""The two named constraints of data protection, in the shape of
``tests/steering/test_constraints.py``: the database refuses the row and ``full_clean``
says why. ``PRIVACY_CASES`` is meant to be added to that module's ``CASES``.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from steering.models import Message, Person
from tests import factories

pytestmark = pytest.mark.django_db


def cleared_message_with_text() -> Message:
    return Message(
        kind=Message.Kind.WELCOME,
        idempotency_key="welcome:cleared",
        recipient_email="karen@hospital.example",
        subject="Velkommen",
        body_text="Velkommen i styregruppen.",
        status=Message.Status.SENT,
        sent_at=timezone.now(),
        body_cleared_at=timezone.now(),
    )


def anonymised_person_with_email() -> Person:
    return factories.PersonFactory.build(
        employer=None, region=None, anonymised_at=timezone.now(), title=""
    )


PRIVACY_CASES = [
    (
        "cleared_message_keeps_no_text",
        cleared_message_with_text,
        "A message whose text was removed cannot have a text.",
    ),
    (
        "anonymised_person_keeps_no_contact_details",
        anonymised_person_with_email,
        "An anonymised person cannot have contact details.",
    ),
]
PARAMS = [pytest.param(*case, id=case[0]) for case in PRIVACY_CASES]


@pytest.mark.parametrize(("constraint", "build", "message"), PARAMS)
def test_the_database_rejects_the_row(constraint, build, message):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        build().save()
    assert constraint in str(excinfo.value)


@pytest.mark.parametrize(("constraint", "build", "message"), PARAMS)
def test_full_clean_rejects_the_row_and_says_why(constraint, build, message):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        build().full_clean()
    assert message in excinfo.value.messages
