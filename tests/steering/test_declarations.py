"""Declarations of interests: a member's own form and its service (the secretariat's
overview and reminders: test_declaration_reminders)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from steering.models import Declaration
from steering.selfservice.services import submit_declaration

pytestmark = pytest.mark.django_db

MINE = "/me/declaration/"
OVERVIEW = "/declarations/"
YEAR = timezone.localdate().year


def test_the_addresses_are_stable():
    assert reverse("me-declaration") == MINE
    assert reverse("steering:declaration-overview") == OVERVIEW
    assert reverse("steering:declaration-remind") == "/declarations/remind/"


def test_a_member_declares_nothing(client, member, member_seat):
    client.force_login(member)
    response = client.post(MINE, {"nothing_to_declare": "on"})
    assert response.status_code == 302
    declaration = Declaration.objects.get(person=member_seat.person, year=YEAR)
    assert declaration.nothing_to_declare
    assert declaration.submitted_at is not None
    assert declaration.history.first().history_user == member


def test_a_member_declares_interests_and_revises_them(client, member, member_seat):
    client.force_login(member)
    client.post(MINE, {"boards": "Bestyrelse i Firma A/S"})
    client.post(MINE, {"boards": "Bestyrelse i Firma B/S", "other": "Foredrag"})
    declaration = Declaration.objects.get(person=member_seat.person, year=YEAR)
    assert (declaration.boards, declaration.other) == ("Bestyrelse i Firma B/S", "Foredrag")
    assert declaration.history.count() == 2


@pytest.mark.parametrize(
    "data",
    [{}, {"nothing_to_declare": "on", "boards": "Bestyrelse"}],
    ids=["empty", "none-and-interests"],
)
def test_an_incomplete_or_contradictory_declaration_is_a_form_error(
    client, member, member_seat, data
):
    client.force_login(member)
    response = client.post(MINE, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Declaration.objects.exists()


def test_one_declaration_per_person_and_year_is_kept(member, member_seat):
    person = member_seat.person
    submit_declaration(actor=member, person=person, year=YEAR, nothing_to_declare=True)
    submit_declaration(actor=member, person=person, year=YEAR, nothing_to_declare=False, other="x")
    assert Declaration.objects.filter(person=person, year=YEAR).count() == 1


def test_an_implausible_year_is_a_validation_error(member, member_seat):
    with pytest.raises(ValidationError):
        submit_declaration(
            actor=member, person=member_seat.person, year=1900, nothing_to_declare=True
        )


def test_nobody_declares_for_someone_else(member, outsider_seat, secretariat):
    for actor in (member, secretariat):
        with pytest.raises(PermissionDenied):
            submit_declaration(
                actor=actor, person=outsider_seat.person, year=YEAR, nothing_to_declare=True
            )


def test_a_member_sees_only_their_own_declarations(client, member, member_seat, outsider_seat):
    Declaration.objects.create(
        person=outsider_seat.person,
        year=YEAR - 1,
        other="Hemmelig interesse",
        submitted_at=timezone.now(),
    )
    client.force_login(member)
    page = client.get(MINE).content.decode()
    assert "Hemmelig interesse" not in page
    # There is no id in the address: a crafted POST only ever writes the member's own row.
    client.post(MINE, {"nothing_to_declare": "on", "person": outsider_seat.person.pk})
    assert not Declaration.objects.filter(person=outsider_seat.person, year=YEAR).exists()
    assert Declaration.objects.filter(person=member_seat.person, year=YEAR).exists()


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_without_a_register_entry_have_no_own_declaration(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(MINE).status_code == 403
    assert client.post(MINE, {"nothing_to_declare": "on"}).status_code == 403


def test_anonymous_is_sent_to_login(client):
    for url in (MINE, OVERVIEW):
        assert client.get(url).status_code == 302


def test_my_declaration_page_costs_five_queries_however_many_years(
    client, member, member_seat, django_assert_num_queries
):
    def declare(year: int) -> None:
        Declaration.objects.create(
            person=member_seat.person,
            year=year,
            nothing_to_declare=True,
            submitted_at=timezone.now(),
        )

    client.force_login(member)
    client.get(reverse("me-declaration"))  # warm the session
    # user, roles, the person, this year's declaration, the earlier ones
    with django_assert_num_queries(5):
        assert client.get(reverse("me-declaration")).status_code == 200
    for year in (2021, 2022, 2023):
        declare(year)
    with django_assert_num_queries(5):
        page = client.get(reverse("me-declaration")).content.decode()
    assert page.count("Intet at erklære") == 3
