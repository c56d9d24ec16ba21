"""The secretariat's register forms with hostile input: databases, steering groups, people
and seats (steering/register/forms.py)."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db

DATABASE = {
    "name": "Dansk Hjertedatabase",
    "acronym": "DHD",
    "slug": "",
    "umbrella": "",
    "disease_area": "Hjerte",
    "status": "active",
    "indicator_count": "3",
    "indicator_notes": "",
}
DATABASE_KINDS = {
    "name": "text",
    "acronym": "text",
    "slug": "token",
    "umbrella": "choice",
    "disease_area": "text",
    "status": "choice",
    "indicator_count": "number",
    "indicator_notes": "text",
    "contact_person": "choice",
}


@examples(15)
@given(data=form_data(DATABASE, DATABASE_KINDS))
def test_creating_a_database(world, data):
    with rolled_back():
        submit(world.secretariat, reverse("steering:database-create"), data)


@examples(10)
@given(data=form_data(DATABASE, DATABASE_KINDS))
def test_editing_a_database(world, data):
    database = world.group.database
    with rolled_back():
        submit(
            world.secretariat,
            reverse("steering:database-edit", args=[database.slug]),
            {**data, "slug": data["slug"] or database.slug},
        )


GROUP = {
    "requires_all_regions": "on",
    "requires_leadership_representative": "on",
    "min_patient_representatives": "2",
    "full_day_meetings_per_year": "2",
    "notes": "",
}
GROUP_KINDS = {
    "requires_all_regions": "text",
    "min_patient_representatives": "number",
    "full_day_meetings_per_year": "number",
    "notes": "text",
}


@examples(10)
@given(data=form_data(GROUP, GROUP_KINDS))
def test_editing_a_steering_groups_rules(world, data):
    url = reverse("steering:group-edit", args=[world.group.database.slug])
    with rolled_back():
        submit(world.secretariat, url, data)


PERSON = {
    "first_name": "Karen",
    "last_name": "Blixen",
    "email": "karen@hospital.example",
    "phone": "",
    "title": "",
    "profession": "",
    "leadership_level": "none",
    "employer": "",
    "language": "da",
}
PERSON_KINDS = {
    "first_name": "text",
    "last_name": "text",
    "email": "email",
    "phone": "text",
    "title": "text",
    "profession": "choice",
    "leadership_level": "choice",
    "employer": "choice",
    "language": "choice",
    "listing_consent": "text",
}


@examples(15)
@given(data=form_data(PERSON, PERSON_KINDS))
def test_adding_a_person(world, data):
    with rolled_back():
        submit(world.secretariat, reverse("steering:person-create"), data)


@examples(10)
@given(data=form_data(PERSON, PERSON_KINDS))
def test_editing_a_person(world, data):
    url = reverse("steering:person-edit", args=[world.member_seat.person.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


SEAT = {
    "role": "member",
    "representing_region": "",
    "appointing_body": "",
    "term_start": "2026-01-01",
    "term_end": "",
    "term_number": "1",
}
SEAT_KINDS = {
    "role": "choice",
    "representing_region": "choice",
    "appointing_body": "choice",
    "term_start": "date",
    "term_end": "date",
    "term_number": "number",
}
NEW_PERSON_KINDS = {
    "person": "choice",
    "new_first_name": "text",
    "new_last_name": "text",
    "new_email": "email",
    "new_title": "text",
    "new_profession": "choice",
    "new_leadership_level": "choice",
    "new_employer": "choice",
}


@examples(20)
@given(
    data=form_data(
        {**SEAT, "new_first_name": "Ny", "new_last_name": "Person", "new_leadership_level": "none"},
        {**SEAT_KINDS, **NEW_PERSON_KINDS},
    )
)
def test_appointing_a_member(world, data):
    data = {**data, "representing_region": data["representing_region"] or world.hovedstaden.pk}
    url = reverse("steering:appoint", args=[world.group.database.slug])
    with rolled_back():
        submit(world.secretariat, url, data)


@examples(12)
@given(data=form_data({**SEAT, "appointing_body": "region"}, SEAT_KINDS))
def test_correcting_a_seat(world, data):
    data = {**data, "representing_region": data["representing_region"] or world.hovedstaden.pk}
    url = reverse("steering:membership-edit", args=[world.member_seat.pk])
    with rolled_back():
        submit(world.secretariat, url, {**data, "appointing_organisation": ""})


@examples(12)
@given(
    data=form_data(
        {"ended_on": "2026-06-30", "reason": "Fratrådt"}, {"ended_on": "date", "reason": "text"}
    )
)
def test_ending_a_seat(world, data):
    url = reverse("steering:membership-end", args=[world.member_seat.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


@examples(12)
@given(
    data=form_data({"term_start": "", "term_end": ""}, {"term_start": "date", "term_end": "date"})
)
def test_reappointing_a_member(world, data):
    url = reverse("steering:membership-reappoint", args=[world.member_seat.pk])
    with rolled_back():
        submit(world.secretariat, url, data)
