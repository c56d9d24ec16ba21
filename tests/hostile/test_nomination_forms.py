"""The leadership-representative workflow with hostile input: nominate, decide, withdraw
(representatives/forms.py)."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db


@examples(12)
@given(
    data=form_data(
        {"motivation": "Erfaren leder"},
        {"person": "choice", "group": "choice", "motivation": "text"},
    )
)
def test_nominating_a_leader(world, other_group, data):
    data = {"person": world.leader.pk, "group": other_group.pk, **data}
    with rolled_back():
        submit(world.admin, reverse("representatives:nominate"), data)


@examples(15)
@given(
    data=form_data(
        {"decision": "approve", "reasoning": "", "term_start": "", "term_end": ""},
        {"decision": "choice", "reasoning": "text", "term_start": "date", "term_end": "date"},
    )
)
def test_deciding_a_nomination(world, data):
    url = reverse("representatives:nomination-decide", args=[world.nomination.pk])
    with rolled_back():
        submit(world.circle, url, data)


@examples(8)
@given(data=form_data({"reason": ""}, {"reason": "text"}))
def test_withdrawing_a_nomination(world, data):
    url = reverse("representatives:nomination-withdraw", args=[world.nomination.pk])
    with rolled_back():
        submit(world.admin, url, data)
