"""The region workspace's forms with hostile input, as Region Hovedstaden's administrator
(regions/forms.py): seats, requests, the letter supplement, support, backing, buy-outs,
and the secretariat's standard texts."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.hostile.harness import assert_escaped, rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "first_name": "Ny",
    "last_name": "Kollega",
    "email": "ny@regionh.example",
    "phone": "",
    "title": "",
    "profession": "",
}
NEW_PERSON_KINDS = {
    "person": "choice",
    "first_name": "text",
    "last_name": "text",
    "email": "email",
    "phone": "text",
    "title": "text",
    "profession": "choice",
    "employer": "choice",
}


def _code(world) -> str:
    return world.hovedstaden.code


@examples(20)
@given(
    data=form_data(
        {**NEW_PERSON, "term_start": "2026-12-01", "term_end": ""},
        {**NEW_PERSON_KINDS, "group": "choice", "term_start": "date", "term_end": "date"},
    )
)
def test_appointing_in_the_region(world, data):
    data = {"group": world.group.pk, "employer": world.hospital.pk, **data}
    with rolled_back():
        submit(world.admin, reverse("regions:seat-appoint", args=[_code(world)]), data)


@examples(15)
@given(
    data=form_data(
        {**NEW_PERSON, "changeover_on": "2026-12-01", "reason": "Ny stilling", "term_end": ""},
        {**NEW_PERSON_KINDS, "changeover_on": "date", "reason": "text", "term_end": "date"},
    )
)
def test_replacing_a_member(world, data):
    data = {"employer": world.hospital.pk, **data}
    url = reverse("regions:seat-replace", args=[_code(world), world.member_seat.pk])
    with rolled_back():
        submit(world.admin, url, data)


@examples(10)
@given(
    data=form_data(
        {"ended_on": "2026-12-01", "reason": "Fratrådt"}, {"ended_on": "date", "reason": "text"}
    )
)
def test_ending_a_regional_seat(world, data):
    url = reverse("regions:seat-end", args=[_code(world), world.member_seat.pk])
    with rolled_back():
        submit(world.admin, url, data)


@examples(10)
@given(
    data=form_data(
        {"confirmed_on": "2026-11-01", "confirmed_by": "Afdelingsleder", "notes": ""},
        {"confirmed_on": "date", "confirmed_by": "text", "notes": "text"},
    )
)
def test_recording_employer_backing(world, data):
    url = reverse("regions:seat-backing", args=[_code(world), world.member_seat.pk])
    with rolled_back():
        submit(world.admin, url, data)


@examples(10)
@given(
    data=form_data(
        {"reason": "Der mangler et medlem", "due_on": "2027-01-31"},
        {"group": "choice", "reason": "text", "due_on": "date"},
    )
)
def test_asking_a_region_to_appoint(world, other_group, data):
    # The world's group already has an open request: ask for another group.
    data = {"group": other_group.pk, **data}
    with rolled_back():
        submit(world.secretariat, reverse("regions:request-create", args=[_code(world)]), data)


@examples(8)
@given(data=form_data({"decline_reason": "Ingen kandidat"}, {"decline_reason": "text"}))
def test_declining_a_request(world, data):
    url = reverse("regions:request-decline", args=[_code(world), world.appointment_request.pk])
    with rolled_back():
        submit(world.admin, url, data)


@examples(12)
@given(data=form_data({"body": "Velkommen"}, {"body": "text"}))
def test_writing_the_letter_supplement(world, data):
    with rolled_back():
        submit(world.admin, reverse("regions:supplement-edit", args=[_code(world)]), data)
        letter = world.admin.get(reverse("regions:letter-preview-html", args=[_code(world)]))
        assert letter.status_code == 200
        assert_escaped(letter.content, "the welcome letter's HTML")


CONTACT = {
    "kind": "general",
    "name": "LIS-kontoret",
    "email": "lis@regionh.example",
    "phone": "",
    "description": "",
}
CONTACT_KINDS = {
    "kind": "choice",
    "name": "text",
    "email": "email",
    "phone": "text",
    "description": "text",
}


@examples(10)
@given(data=form_data(CONTACT, CONTACT_KINDS))
def test_adding_a_support_contact(world, data):
    with rolled_back():
        submit(world.admin, reverse("regions:contact-create", args=[_code(world)]), data)


@examples(8)
@given(data=form_data(CONTACT, CONTACT_KINDS))
def test_editing_a_support_contact(world, data):
    url = reverse("regions:contact-edit", args=[_code(world), world.contact.pk])
    with rolled_back():
        submit(world.admin, url, data)


BUYOUT = {
    "starts_on": "2027-01-01",
    "ends_on": "2027-12-31",
    "hours_per_month": "20",
    "fte_share": "",
    "annual_amount_dkk": "100000",
    "notes": "",
}
BUYOUT_KINDS = {
    "membership": "choice",
    "employer": "choice",
    "starts_on": "date",
    "ends_on": "date",
    "hours_per_month": "number",
    "fte_share": "number",
    "annual_amount_dkk": "number",
    "notes": "text",
}


@examples(20)
@given(data=form_data(BUYOUT, BUYOUT_KINDS))
def test_proposing_a_buyout(world, data):
    data = {"membership": world.member_seat.pk, "employer": world.hospital.pk, **data}
    with rolled_back():
        submit(world.admin, reverse("regions:buyout-create", args=[_code(world)]), data)


@examples(12)
@given(data=form_data({**BUYOUT, "status": "approved"}, {**BUYOUT_KINDS, "status": "choice"}))
def test_changing_a_buyout(world, data):
    data = {
        "membership": world.member_seat.pk,
        "employer": world.member_seat.person.employer_id,
        **data,
    }
    url = reverse("regions:buyout-edit", args=[_code(world), world.agreement.pk])
    with rolled_back():
        submit(world.admin, url, data)


@examples(10)
@given(
    data=form_data(
        {"decision": "approve", "reasoning": ""}, {"decision": "choice", "reasoning": "text"}
    )
)
def test_deciding_on_a_buyout(world, data):
    url = reverse("regions:buyout-decide", args=[_code(world), world.agreement.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


TEXT = {"title_da": "Titel", "title_en": "Title", "body_da": "Tekst", "body_en": "Text"}


@examples(10)
@given(data=form_data(TEXT, dict.fromkeys(TEXT, "text")))
def test_editing_a_standard_text(world, data):
    url = reverse("regions:standard-text-edit", args=["member_expectations"])
    with rolled_back():
        submit(world.secretariat, url, data)
