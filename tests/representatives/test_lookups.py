"""The nomination form's candidates, found by searching (rkkp_portal/lookups.py): an
administrator finds only leaders employed in their region, the circle everyone; checking a
candidate's eligibility is a search of the form, which saves nothing."""

import pytest
from django.urls import reverse

from representatives.models import LeadershipNomination
from rkkp_portal.lookups import LIMIT
from tests.representatives.conftest import make_leader

pytestmark = pytest.mark.django_db

CANDIDATES = "/representatives/candidates/lookup/"


def test_an_administrator_finds_only_their_regions_leaders(
    client, admin_hovedstaden, leader, leader_syddanmark
):
    client.force_login(admin_hovedstaden)
    html = client.get(CANDIDATES, {"person_search": "jensen"}).content.decode()
    assert f'name="person" id="id_person_0" value="{leader.pk}"' in html
    assert f'value="{leader_syddanmark.pk}"' not in html
    assert "Vicedirektør" in html  # the label the form gives a candidate


def test_the_circle_finds_leaders_of_every_region_by_e_mail(
    client, circle_member, leader, leader_syddanmark
):
    client.force_login(circle_member)
    html = client.get(CANDIDATES, {"person_search": leader_syddanmark.email.upper()}).content
    assert f'value="{leader_syddanmark.pk}"'.encode() in html
    assert f'value="{leader.pk}"'.encode() not in html


@pytest.mark.parametrize("size", [1, 25])
def test_a_candidate_lookup_costs_the_same_queries(
    client, circle_member, django_assert_num_queries, size
):
    for _ in range(size):
        make_leader("hovedstaden")
    client.force_login(circle_member)
    # user, roles, the matches (the session is in the cache)
    with django_assert_num_queries(3):
        response = client.get(CANDIDATES, {"person_search": "jensen"})
    assert response.content.decode().count('type="radio"') == min(size, LIMIT)


def test_those_who_may_not_nominate_may_not_look_up_candidates(client, secretariat, member):
    for user in (secretariat, member):
        client.force_login(user)
        assert client.get(CANDIDATES, {"person_search": "a"}).status_code == 403


def test_checking_eligibility_shows_the_problems_and_nominates_nobody(client, circle_member, group):
    person = make_leader(profession="", leadership_level="director")
    client.force_login(circle_member)
    response = client.post(
        reverse("representatives:nominate"),
        {"person": person.pk, "group": group.pk, "motivation": "", "lookup": "check"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No professional background is recorded." in html
    assert 'data-module="error-summary"' not in html
    assert f'value="{person.pk}" checked' in html
    assert not LeadershipNomination.objects.exists()


def test_without_javascript_the_search_lists_candidates_then_the_nomination_is_sent(
    client, admin_hovedstaden, leader, group
):
    client.force_login(admin_hovedstaden)
    url = reverse("representatives:nominate")
    data = {"group": group.pk, "motivation": "Erfaren", "person_search": leader.last_name}
    response = client.post(url, {**data, "lookup": "person"})
    assert f'name="person" id="id_person_0" value="{leader.pk}"' in response.content.decode()
    assert not LeadershipNomination.objects.exists()
    response = client.post(url, {**data, "person": leader.pk})
    assert response.status_code == 302
    assert LeadershipNomination.objects.get().person == leader
