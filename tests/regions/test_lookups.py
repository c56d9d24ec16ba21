"""The region workspace's lookup views (people employed in the region, seats held there)
and the forms that search with them: an administrator finds only their own region's
people and seats, in a fixed number of queries; the search button works without
JavaScript; the chosen id still goes through the form and the service."""

import pytest

from regions.models import AppointmentRequest, BuyOutAgreement
from rkkp_portal.lookups import LIMIT
from steering.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

PEOPLE = "/regions/hovedstaden/people/lookup/"
SEATS = "/regions/hovedstaden/seats/lookup/"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_an_admin_finds_the_regions_people_by_name_or_e_mail(
    client, admin_hovedstaden, employee_hovedstaden, employee_syddanmark
):
    client.force_login(admin_hovedstaden)
    for search in ("HOLM", employee_hovedstaden.email.upper()[:8]):
        html = client.get(PEOPLE, {"person_search": search}).content.decode()
        assert f'name="person" id="id_person_0" value="{employee_hovedstaden.pk}"' in html
    html = client.get(PEOPLE, {"person_search": "sand"}).content.decode()
    assert f'value="{employee_syddanmark.pk}"' not in html
    assert "Nothing matches" in html


def test_another_regions_administrator_is_refused(client, admin_syddanmark):
    client.force_login(admin_syddanmark)
    assert client.get(PEOPLE, {"person_search": "a"}).status_code == 403
    assert client.get(SEATS, {"membership_search": "a"}).status_code == 403


def test_the_member_being_replaced_is_left_out(client, admin_hovedstaden, employee_hovedstaden):
    other = factories.PersonFactory(last_name="Holm", employer=employee_hovedstaden.employer)
    client.force_login(admin_hovedstaden)
    html = client.get(
        PEOPLE, {"person_search": "holm", "exclude": employee_hovedstaden.pk}
    ).content.decode()
    assert f'value="{other.pk}"' in html
    assert f'value="{employee_hovedstaden.pk}"' not in html


def test_the_replace_form_asks_the_lookup_to_leave_the_member_out(
    client, admin_hovedstaden, member_seat
):
    client.force_login(admin_hovedstaden)
    html = client.get(f"/regions/hovedstaden/seats/{member_seat.pk}/replace/").content.decode()
    vals = f"{{&quot;name&quot;: &quot;person&quot;, &quot;exclude&quot;: {member_seat.person_id}}}"
    assert f'data-hx-vals="{vals}"' in html


@pytest.mark.parametrize("size", [1, 25])
def test_a_people_lookup_costs_the_same_queries_whatever_the_region_s_size(
    client, admin_hovedstaden, hospital_hovedstaden, django_assert_num_queries, size
):
    people = [
        factories.PersonFactory(last_name="Holm", employer=hospital_hovedstaden)
        for _ in range(size)
    ]
    client.force_login(admin_hovedstaden)
    # user, roles, region, the choice so far, the matches (the session is in the cache)
    with django_assert_num_queries(5):
        response = client.get(PEOPLE, {"person": people[0].pk, "person_search": "holm"})
    # The choice so far, at most LIMIT other matches, and "None" (the field is optional).
    radios = response.content.decode().count('type="radio"')
    assert min(size, LIMIT) + 1 <= radios <= LIMIT + 2


def test_seats_are_found_by_member_or_database_within_the_region(
    client, admin_hovedstaden, member_seat, outsider_seat, django_assert_num_queries
):
    client.force_login(admin_hovedstaden)
    # user, roles, region, the matches
    with django_assert_num_queries(4):
        response = client.get(SEATS, {"membership_search": member_seat.person.first_name})
    html = response.content.decode()
    assert f'name="membership" id="id_membership_0" value="{member_seat.pk}"' in html
    assert member_seat.group.database.name in html
    html = client.get(
        SEATS, {"membership_search": outsider_seat.group.database.acronym}
    ).content.decode()
    assert f'value="{outsider_seat.pk}"' not in html


# --- the forms: searching without JavaScript, saving the chosen id -----------------------


def test_without_javascript_the_search_lists_the_regions_people_and_appoints_nobody(
    client, admin_hovedstaden, group, employee_hovedstaden, employee_syddanmark
):
    client.force_login(admin_hovedstaden)
    data = {"group": group.pk, "term_start": "2026-12-01", "person_search": "h", "lookup": "person"}
    response = client.post("/regions/hovedstaden/appoint/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Membership.objects.exists()
    assert 'data-module="error-summary"' not in html
    assert f'name="person" id="id_person_0" value="{employee_hovedstaden.pk}"' in html
    assert f'value="{employee_syddanmark.pk}"' not in html
    assert f'name="group" id="id_group_0" value="{group.pk}" checked' in html
    del data["lookup"]
    response = client.post(
        "/regions/hovedstaden/appoint/", {**data, "person": employee_hovedstaden.pk}
    )
    assert response.status_code == 302
    assert Membership.objects.get().person == employee_hovedstaden


def test_the_steering_group_asked_for_is_shown_chosen(client, admin_hovedstaden, group):
    client.force_login(admin_hovedstaden)
    html = client.get(f"/regions/hovedstaden/appoint/?group={group.pk}").content.decode()
    assert f'name="group" id="id_group_0" value="{group.pk}" checked' in html
    assert html.count('type="radio"') == 1


def test_a_request_names_its_group_by_id(client, secretariat, group, hovedstaden):
    client.force_login(secretariat)
    data = {"group": group.pk, "reason": "Ledig plads", "due_on": "2100-01-01"}
    assert client.post("/regions/hovedstaden/requests/new/", data).status_code == 302
    assert AppointmentRequest.objects.get().group == group


def test_a_buyout_names_its_seat_by_id_and_the_edit_form_shows_it_chosen(
    client, admin_hovedstaden, member_seat
):
    client.force_login(admin_hovedstaden)
    data = {
        "membership": member_seat.pk,
        "employer": member_seat.person.employer_id,
        "starts_on": "2026-07-01",
        "ends_on": "2027-06-30",
        "hours_per_month": "10",
        "annual_amount_dkk": "1000",
    }
    assert client.post("/regions/hovedstaden/buyouts/new/", data).status_code == 302
    agreement = BuyOutAgreement.objects.get()
    assert agreement.membership == member_seat
    html = client.get(f"/regions/hovedstaden/buyouts/{agreement.pk}/edit/").content.decode()
    assert f'name="membership" id="id_membership_0" value="{member_seat.pk}" checked' in html
