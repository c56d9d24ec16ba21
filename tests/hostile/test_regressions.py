"""The inputs with which the hostile suite found a server error, each replayed exactly.

Each of these answered 500 before its fix; the property tests would find them again, these
name them so a regression is plain to read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import run as run_job
from steering.models import Person
from tests.hostile.harness import assert_no_formulas, rolled_back, submit
from tests.hostile.test_roster_import import as_csv, valid_row

pytestmark = pytest.mark.django_db


def test_a_changeover_on_9999_12_31_is_refused_on_the_field(world):
    """The successor's four-year term from 9999-12-31 overflowed (ValueError: year 10003)."""
    url = reverse("regions:seat-replace", args=[world.hovedstaden.code, world.member_seat.pk])
    data = {
        "first_name": "Ny",
        "last_name": "Kollega",
        "employer": world.hospital.pk,
        "changeover_on": "9999-12-31",
        "reason": "Ny stilling",
    }
    with rolled_back():
        response, accepted = submit(world.admin, url, data)
    assert not accepted
    assert "changeover_on" in response.context["form"].errors


@pytest.mark.parametrize("name", ["steering:appoint", "regions:seat-appoint"])
def test_a_term_starting_in_9999_is_refused_on_the_field(world, name):
    """Both appointments computed the four-year term end from it, and overflowed."""
    if name == "steering:appoint":
        client, args = world.secretariat, [world.group.database.slug]
    else:
        client, args = world.admin, [world.hovedstaden.code]
    data = {
        "role": "member",
        "representing_region": world.hovedstaden.pk,
        "term_start": "9999-06-01",
        "term_number": "1",
        "person": world.leader.pk,
        "group": world.group.pk,
    }
    with rolled_back():
        response, accepted = submit(client, reverse(name, args=args), data)
    assert not accepted
    assert "term_start" in response.context["form"].errors


def test_a_roster_row_starting_in_9999_is_a_row_error(world):
    row = {**valid_row(world), "term_start": "9999-12-31"}
    upload = SimpleUploadedFile("roster.csv", as_csv([row]))
    client = world.secretariat
    with rolled_back():
        _response, accepted = submit(
            client, reverse("steering:roster-import"), {}, files={"file": upload}
        )
        assert accepted
        form = client.get(reverse("steering:roster-import-mapping")).context["form"]
        data = {field: form[field].value() or "" for field in form.fields}
        _response, accepted = submit(client, reverse("steering:roster-import-mapping"), data)
        assert accepted
        job = Job.objects.latest("pk")
        run_job(job.pk)
        response = client.get(reverse("steering:roster-preview", args=[job.pk]))
    assert response.status_code == 200
    [result_row] = response.context["result"].rows
    assert [column for column, _message in result_row.errors] == ["term_start"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_control_character_in_a_name_does_not_break_the_people_export(world, fmt):
    """openpyxl refuses \\x1b and friends (IllegalCharacterError): the XLSX was a 500."""
    with rolled_back():
        Person.objects.filter(pk=world.member_seat.person_id).update(first_name="\x1b[31m=1+1")
        response = world.secretariat.get(reverse("steering:person-export", args=[fmt]))
        assert response.status_code == 200
        assert_no_formulas(response)


@pytest.mark.parametrize("value", ["\u00b2", "9" * 30])
def test_a_digit_that_int_refuses_in_the_nominee_address_is_ignored(world, value):
    """str.isdigit() accepts "²", which int() refuses."""
    response = world.admin.get(reverse("representatives:nominate"), {"person": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["\u00b2", "9" * 30])
def test_a_digit_that_int_refuses_among_the_reminded_people_is_ignored(world, value):
    with rolled_back():
        response, _accepted = submit(
            world.secretariat, reverse("steering:declaration-remind"), {"person": [value]}
        )
    assert response.status_code == 302
