"""People: list with filters, the person's page with every seat and its history, create, edit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rkkp_portal.paging import PEOPLE_PAGE_SIZE
from steering.models import Person
from steering.register.services.memberships import update_person
from tests import factories
from tests.steering.register_data import a_person_with_seats, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _emails(client, **params) -> set[str]:
    response = client.get(reverse("steering:person-list"), params)
    assert response.status_code == 200
    return {person.email for person in response.context["page_obj"]}


def test_the_list_filters_by_region_workplace_and_search(as_secretariat, hovedstaden, syddanmark):
    ida = factories.PersonFactory(email="ida@h.example", employer__region=hovedstaden)
    bo = factories.PersonFactory(
        email="bo@s.example", last_name="Bøgh", employer__region=syddanmark
    )
    assert _emails(as_secretariat, region=syddanmark.pk) == {bo.email}
    assert _emails(as_secretariat, employer=ida.employer.pk) == {ida.email}
    assert _emails(as_secretariat, q="bøgh") == {bo.email}
    assert _emails(as_secretariat, q="IDA@H") == {ida.email}


def test_the_list_filters_by_role_group_and_term_end_on_one_seat(as_secretariat, group):
    chair = factories.MembershipFactory(group=group, role="chair", representing_region=None)
    member = factories.MembershipFactory(term_end=datetime.date(2025, 6, 30))
    ended = factories.MembershipFactory(
        group=group, role="chair", status="ended", ended_on=datetime.date(2024, 5, 1)
    )
    assert _emails(as_secretariat, role="chair") == {chair.person.email}
    assert _emails(as_secretariat, group=group.pk) == {chair.person.email}
    assert _emails(as_secretariat, term_ends_before="2026-01-01") == {member.person.email}
    # Role and group must hold for the same seat.
    assert _emails(as_secretariat, role="member", group=group.pk) == set()
    assert ended.person.email not in _emails(as_secretariat, role="chair")


def test_workplace_and_steering_group_are_searched_by_name(as_secretariat, group):
    ida = factories.PersonFactory(
        email="ida@h.example",
        employer__name="Kardiologisk Afdeling",
        employer__parent=factories.OrganisationFactory(name="Rigshospitalet"),
    )
    factories.PersonFactory(email="bo@s.example", employer__name="Odense Universitetshospital")
    assert _emails(as_secretariat, workplace="rigshosp") == {ida.email}
    assert _emails(as_secretariat, workplace="kardio") == {ida.email}
    chair = factories.MembershipFactory(group=group, role="chair", representing_region=None)
    database = group.database
    assert _emails(as_secretariat, database=database.name[:8].upper()) >= {chair.person.email}
    assert chair.person.email in _emails(as_secretariat, database=database.acronym)
    assert _emails(as_secretariat, database=database.acronym, role="member") == set()


def test_a_workplace_or_group_chosen_by_id_is_named_with_a_link_that_drops_it(
    as_secretariat, group
):
    seat = factories.MembershipFactory(group=group, role="chair", representing_region=None)
    employer = seat.person.employer
    response = as_secretariat.get(
        reverse("steering:person-list"), {"group": group.pk, "employer": employer.pk, "q": "a"}
    )
    chosen = {item["label"]: item for item in response.context["chosen"]}
    assert chosen["Workplace"]["value"] == employer
    assert chosen["Workplace"]["remove_query"] == f"group={group.pk}&q=a"
    assert chosen["Steering group (current seats)"]["remove_query"] == f"employer={employer.pk}&q=a"
    html = response.content.decode()
    # The form keeps the choice as it filters on; no drop-down lists every group.
    assert f'<input type="hidden" name="group" value="{group.pk}"' in html
    assert '<select name="group"' not in html and '<select name="employer"' not in html


def test_a_regional_administrator_lists_only_people_employed_in_the_region(
    client, admin_hovedstaden, member_seat, outsider_seat
):
    client.force_login(admin_hovedstaden)
    assert _emails(client) == {member_seat.person.email}


def test_the_person_page_lists_every_seat_held_or_held_before(as_secretariat, member_seat):
    old = factories.MembershipFactory(
        person=member_seat.person, status="ended", ended_on=datetime.date(2024, 3, 1)
    )
    response = as_secretariat.get(reverse("steering:person-detail", args=[member_seat.person.pk]))
    assert {s.pk for s in response.context["seats"]} == {member_seat.pk, old.pk}


def test_the_person_page_shows_field_level_history(as_secretariat, member_seat, secretariat):
    update_person(actor=secretariat, person=member_seat.person, title="Professor")
    response = as_secretariat.get(reverse("steering:person-detail", args=[member_seat.person.pk]))
    latest = response.context["changes"][0]
    assert latest.who == str(secretariat) and latest.subject == "Personal details"
    assert [(f.label, f.old, f.new) for f in latest.fields] == [
        ("job title", "Overlæge", "Professor")
    ]


PERSON = {
    "first_name": "Ida",
    "last_name": "Holm",
    "email": "Ida.Holm@Hospital.example",
    "phone": "",
    "title": "Overlæge",
    "profession": "physician",
    "leadership_level": "none",
    "employer": "",
    "language": "da",
}


def test_the_secretariat_adds_a_person(as_secretariat):
    response = as_secretariat.post(reverse("steering:person-create"), PERSON)
    person = Person.objects.get()
    assert response.status_code == 302 and person.email == "ida.holm@hospital.example"
    assert person.listing_consent_at is None


def test_an_unknown_email_format_is_refused(as_secretariat):
    response = as_secretariat.post(reverse("steering:person-create"), PERSON | {"email": "ida@"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not Person.objects.exists()


def test_a_second_person_with_the_same_email_is_refused(as_secretariat, member_seat):
    data = PERSON | {"email": member_seat.person.email.upper()}
    response = as_secretariat.post(reverse("steering:person-create"), data)
    assert "email" in response.context["form"].errors
    assert Person.objects.count() == 1


def test_editing_moves_the_region_with_the_workplace_and_records_consent(
    as_secretariat, member_seat, syddanmark
):
    person = member_seat.person
    workplace = factories.OrganisationFactory(region=syddanmark)
    data = PERSON | {"email": person.email, "employer": workplace.pk, "listing_consent": "on"}
    response = as_secretariat.post(reverse("steering:person-edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.region == syddanmark and person.listing_consent_at is not None


# Query counts on a register of one and of three databases (1 or 3 seats per role each),
# and a person with 1 or 3 seats, each edited.
# list: user, roles (the session is read from the cache), count, the regions filter's
#       choices (workplace and group are searched as text: no choices to read), page,
#       the page's current seats
# filtered (nobody matches): user, roles, the regions (read once: the choices, which
#       check the region given), workplace and group given by id, count
# detail: user, roles, person (+employer, region, login), seats, person history, seat
#       history, related names in the histories (workplace, region; person, group, region)
# export: user, roles, the regions, workplace and group given by id, people, their seats
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    ("page", "queries"), [("list", 6), ("filtered", 6), ("detail", 11), ("export", 6)]
)
def test_the_pages_cost_the_same_queries_whatever_the_size(
    as_secretariat, secretariat, django_assert_num_queries, size, page, queries
):
    url, params = _page(page, size, secretariat)
    with django_assert_num_queries(queries):
        response = as_secretariat.get(url, params)
    assert response.status_code == 200


# The forms' pages, at most: their selects are the forms' own concern.
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("page", "queries"), [("edit", 5), ("create", 4)])
def test_the_forms_cost_at_most_a_fixed_number_of_queries(
    as_secretariat, secretariat, django_assert_max_num_queries, size, page, queries
):
    url, params = _page(page, size, secretariat)
    with django_assert_max_num_queries(queries):
        response = as_secretariat.get(url, params)
    assert response.status_code == 200


def _page(page: str, size: int, actor) -> tuple[str, dict]:
    databases = populate(size, actor=actor)
    person = a_person_with_seats(size, actor=actor)
    group = databases[0].steering_group
    params = {
        "role": "member",
        "group": group.pk,
        "term_ends_before": "2030-01-01",
        "region": factories.region("hovedstaden").pk,
        "employer": person.employer.pk,
        "q": "a",
    }
    return {
        "list": (reverse("steering:person-list"), {}),
        "filtered": (reverse("steering:person-list"), params),
        "detail": (reverse("steering:person-detail", args=[person.pk]), {}),
        "edit": (reverse("steering:person-edit", args=[person.pk]), {}),
        "create": (reverse("steering:person-create"), {}),
        "export": (reverse("steering:person-export", args=["csv"]), params),
    }[page]


def test_each_row_links_the_person_and_names_their_seats_and_holdovers(as_secretariat, group):
    # The row links are written from one reverse per page: they must be the person's page.
    past = timezone.localdate() - datetime.timedelta(days=1)
    holdover = factories.MembershipFactory(
        group=group, role="chair", representing_region=None, term_end=past
    )
    current = factories.MembershipFactory()
    response = as_secretariat.get(reverse("steering:person-list"))
    html = response.content.decode()
    for seat in (holdover, current):
        assert f'<a href="{seat.person.get_absolute_url()}">{seat.person.full_name}</a>' in html
    database = group.database
    assert (
        f"{database.acronym or database.name} ({holdover.get_role_display()}) "
        '<span class="badge badge-warning">Holdover</span>'
    ) in html
    other = current.group.database
    assert f"{other.acronym or other.name} ({current.get_role_display()})</td>" in html


def test_the_list_shows_25_people_a_page(as_secretariat):
    factories.PersonFactory.create_batch(PEOPLE_PAGE_SIZE + 1)

    first = as_secretariat.get(reverse("steering:person-list"))
    second = as_secretariat.get(reverse("steering:person-list"), {"page": 2})

    assert PEOPLE_PAGE_SIZE == 25
    assert len(first.context["page_obj"]) == PEOPLE_PAGE_SIZE
    assert len(second.context["page_obj"]) == 1
    assert first.context["page_obj"].paginator.count == PEOPLE_PAGE_SIZE + 1
    assert 'href="?page=2"' in first.text
