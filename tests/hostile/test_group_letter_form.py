"""Writing to a whole steering group with hostile input (steering/letters/group_letters.py):
the preview and the sending, where the text reaches the group's letters and the outbox."""

import uuid

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db

LETTER = {"subject": "Ekstra møde", "body": "Kære alle\n\nVi mødes i marts.", "roles": ""}


@examples(12)
@given(
    data=form_data(
        LETTER, {"subject": "text", "body": "text", "roles": "choice", "region": "number"}
    ),
    action=st.sampled_from(["preview", "send", "edit"]),
)
def test_writing_to_a_group(world, data, action):
    url = reverse("steering:group-letter", args=[world.group.database.slug])
    with rolled_back():
        submit(world.secretariat, url, {**data, "token": str(uuid.uuid4()), "action": action})


@examples(6)
@given(token=st.text(max_size=40))
def test_a_hostile_token_is_refused_on_the_form(world, token):
    url = reverse("steering:group-letter", args=[world.group.database.slug])
    with rolled_back():
        submit(world.secretariat, url, {**LETTER, "token": token, "action": "send"})
