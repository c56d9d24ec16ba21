"""A member's own forms with hostile input: contact details, the declaration of interests,
listing consent and the calendar address (steering/selfservice/forms.py, me views)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data, hostile_text

pytestmark = pytest.mark.django_db


@examples(12)
@given(
    data=form_data(
        {"title": "Overlæge", "phone": "+45 12345678", "language": "da"},
        {"title": "text", "phone": "text", "language": "choice"},
    )
)
def test_changing_own_details(world, data):
    with rolled_back():
        submit(world.member, reverse("me-details"), data)


DECLARATION = {
    "nothing_to_declare": "",
    "employments": "Overlæge, Rigshospitalet",
    "boards": "",
    "financial_interests": "",
    "other": "",
}


@examples(12)
@given(
    data=form_data(
        DECLARATION,
        {
            "nothing_to_declare": "text",
            "employments": "text",
            "boards": "text",
            "financial_interests": "text",
            "other": "text",
        },
    )
)
def test_submitting_a_declaration(world, data):
    with rolled_back():
        submit(world.member, reverse("me-declaration"), data)


@examples(6)
@given(consent=hostile_text())
def test_consent_with_a_hostile_answer(world, consent):
    """Not a patient representative: refused, and nothing written."""
    with rolled_back():
        response, _accepted = submit(world.member, reverse("me-consent"), {"consent": consent})
    assert response.status_code == 403


@examples(6)
@given(data=st.dictionaries(hostile_text(), hostile_text(), max_size=3))
def test_resetting_the_calendar_address_ignores_extra_fields(world, data):
    with rolled_back():
        submit(world.member, reverse("steering:calendar-settings"), data)
