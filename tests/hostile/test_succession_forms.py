"""The member's answer to "will you continue?" (steering/succession/views.py) with hostile
input, through the signed link of their own question: the answer is stored or refused on
the form, never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given

from steering.models import SuccessionAsk
from steering.succession import willingness
from steering.succession.asking import ask_ahead
from tests.hostile.harness import (
    assert_escaped,
    assert_not_500,
    changed_tables,
    rolled_back,
    snapshot,
)
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer_url(world):
    seat = world.member_seat
    ask_ahead(seat.term_end - datetime.timedelta(days=30))
    ask = SuccessionAsk.objects.get(membership=seat)
    return reverse("steering:succession-answer", args=[willingness.make_token(ask)])


@examples(12)
@given(data=form_data({"willing": "yes", "comment": ""}, {"willing": "choice", "comment": "text"}))
def test_answering_whether_to_continue(world, answer_url, data):
    # The answer page shows its outcome rather than redirecting (signed out, the member has
    # no page of their own to go to, as with a meeting's answer link): 200 is a stored
    # answer, 400 a refused one that wrote nothing.
    with rolled_back():
        before = snapshot()
        response = world.member.post(answer_url, data)
        assert_not_500(response, data)
        assert_escaped(response.content)
        if response.status_code != 200:
            assert not changed_tables(before, snapshot())
