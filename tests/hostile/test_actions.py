"""Posts that take no form class but read the request themselves, with hostile values:
declaration reminders, asking every region for missing seats, deleting a support contact,
and the language switch."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import hostile_choice, hostile_number, hostile_text

pytestmark = pytest.mark.django_db


@examples(12)
@given(
    status=st.one_of(hostile_choice(), hostile_text()),
    group=st.one_of(hostile_choice(), hostile_number()),
    region=st.one_of(hostile_choice(), hostile_number()),
    year=st.one_of(hostile_number(), hostile_text()),
)
def test_sending_declaration_reminders(world, status, group, region, year):
    data = {"status": status, "group": group, "region": region, "year": year}
    with rolled_back():
        submit(world.secretariat, reverse("steering:declaration-remind"), data)


@examples(6)
@given(extra=st.dictionaries(hostile_text(), hostile_text(), max_size=3))
def test_asking_for_every_missing_seat(world, extra):
    with rolled_back():
        submit(world.secretariat, reverse("regions:request-missing"), extra)


@examples(6)
@given(extra=st.dictionaries(hostile_text(), hostile_text(), max_size=3))
def test_deleting_a_support_contact(world, extra):
    url = reverse("regions:contact-delete", args=[world.hovedstaden.code, world.contact.pk])
    with rolled_back():
        submit(world.admin, url, extra)


@examples(10)
@given(language=st.one_of(hostile_choice(), st.sampled_from(["da", "en"])), next_url=hostile_text())
def test_switching_language(world, language, next_url):
    with rolled_back():
        response, _accepted = submit(
            world.member, reverse("set_language"), {"language": language, "next": next_url}
        )
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        assert location.netloc in ("", "testserver"), location  # never off the site
