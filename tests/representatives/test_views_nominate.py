"""Nominating through the form, a member's own nominations and the role's expectations."""

import pytest
from django.urls import reverse

from representatives.models import LeadershipNomination
from steering.models import StandardText
from tests import factories
from tests.representatives.conftest import make_leader, make_nomination
from tests.representatives.test_views import LOGIN, check, url_of

pytestmark = pytest.mark.django_db


# --- nominate -------------------------------------------------------------------------------


def nominate_url() -> str:
    return reverse("representatives:nominate")


def test_an_administrator_nominates_a_leader_of_their_region(
    client, admin_hovedstaden, leader, group
):
    client.force_login(admin_hovedstaden)
    response = client.post(
        nominate_url(), {"person": leader.pk, "group": group.pk, "motivation": "Erfaren"}
    )
    nomination = LeadershipNomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url_of("detail", nomination)
    assert nomination.proposed_by == admin_hovedstaden


def test_a_crafted_post_for_a_leader_of_another_region_is_refused(
    client, admin_syddanmark, leader, group
):
    client.force_login(admin_syddanmark)
    response = client.post(
        nominate_url(), {"person": leader.pk, "group": group.pk, "motivation": "Erfaren"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["person"]
    assert not LeadershipNomination.objects.exists()


def test_the_candidate_list_of_an_administrator_is_their_region(
    client, admin_syddanmark, leader, leader_syddanmark
):
    client.force_login(admin_syddanmark)
    queryset = client.get(nominate_url()).context["form"].fields["person"].queryset
    assert list(queryset) == [leader_syddanmark]


@pytest.mark.parametrize("persona", ["secretariat", "member", "chair", "candidate"])
def test_others_cannot_post_a_nomination(persona, as_persona, leader, group, nomination):
    response = as_persona(persona).post(
        nominate_url(), {"person": leader.pk, "group": group.pk, "motivation": "x"}
    )
    assert response.status_code == 403
    assert LeadershipNomination.objects.count() == 1


def test_an_anonymous_post_goes_to_the_login(client, leader, group):
    response = client.post(nominate_url(), {"person": leader.pk, "group": group.pk})
    check(response, LOGIN)
    assert not LeadershipNomination.objects.exists()


def test_an_ineligible_candidate_s_problems_are_shown_on_the_form(client, circle_member, group):
    person = make_leader(leadership_level="department")
    client.force_login(circle_member)
    response = client.post(
        nominate_url(), {"person": person.pk, "group": group.pk, "motivation": "Erfaren"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leadership level “Department management” does not qualify" in html
    assert not LeadershipNomination.objects.exists()


def test_checking_a_candidate_before_nominating_shows_the_problems(client, circle_member):
    person = make_leader(profession="", leadership_level="director")
    client.force_login(circle_member)
    response = client.get(nominate_url(), {"person": person.pk})
    assert response.context["candidate_problems"] == ["No professional background is recorded."]
    assert "No professional background is recorded." in response.content.decode()


def test_a_duplicate_nomination_is_a_clear_message(client, circle_member, nomination):
    client.force_login(circle_member)
    response = client.post(
        nominate_url(),
        {"person": nomination.person.pk, "group": nomination.group.pk, "motivation": "Igen"},
    )
    assert response.status_code == 200
    assert "This person has already been nominated for this steering group." in (
        response.content.decode()
    )
    assert LeadershipNomination.objects.count() == 1


def test_a_group_with_a_leader_is_a_clear_message(client, circle_member, leader, group):
    factories.MembershipFactory(group=group, role="leadership", representing_region=None)
    client.force_login(circle_member)
    response = client.post(
        nominate_url(), {"person": leader.pk, "group": group.pk, "motivation": "Erfaren"}
    )
    assert "This steering group already has a leadership representative." in (
        response.content.decode()
    )


def test_a_crafted_group_id_is_a_form_error(client, circle_member, leader):
    client.force_login(circle_member)
    response = client.post(
        nominate_url(), {"person": leader.pk, "group": "999999", "motivation": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["group"]


# --- a member's own nominations and the expectations ----------------------------------------


def test_a_member_sees_only_their_own_nominations(client, candidate, nomination, leader_syddanmark):
    other = make_nomination(leader_syddanmark, nomination.group, None)
    client.force_login(candidate)
    response = client.get(url_of("mine", nomination))
    assert response.context["nominations"] == [nomination]
    assert other.person.full_name not in response.content.decode()


def test_the_candidate_sees_the_role_s_expectations(client, candidate, nomination):
    text = StandardText.objects.get(key="leadership_expectations")
    client.force_login(candidate)
    for page in ("mine", "detail"):
        html = client.get(url_of(page, nomination)).content.decode()
        assert text.title_en in html
        assert "two annual full-day meetings" in html


def test_a_member_with_no_nomination_is_not_shown_the_expectations(client, member):
    client.force_login(member)
    response = client.get(reverse("representatives:my-nominations"))
    assert response.context["expectations"] is None


def test_an_appointed_representative_sees_their_seat_and_edited_expectations(
    client, candidate, circle_member, nomination
):
    StandardText.objects.filter(key="leadership_expectations").update(
        body_en="- Attend both full-day meetings every year"
    )
    client.force_login(circle_member)
    client.post(
        reverse("representatives:nomination-decide", args=[nomination.pk]),
        {"decision": "approve", "reasoning": "Ja"},
    )
    client.force_login(candidate)
    response = client.get(reverse("representatives:my-nominations"))
    assert [seat.group for seat in response.context["seats"]] == [nomination.group]
    assert "Attend both full-day meetings every year" in response.content.decode()


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 5])
def test_my_nominations_costs_the_same_queries_however_many(
    client, candidate, nomination, extra, django_assert_num_queries
):
    for _ in range(extra):
        make_nomination(nomination.person, factories.GroupFactory(), None)
    client.force_login(candidate)
    # user, roles (session from Redis), nominations, seats, expectations text
    with django_assert_num_queries(5):
        response = client.get(reverse("representatives:my-nominations"))
    assert len(response.context["nominations"]) == extra + 1


def test_the_detail_page_has_a_fixed_number_of_queries(
    client, circle_member, nomination, django_assert_num_queries
):
    client.force_login(circle_member)
    # user, roles (session from Redis), nomination (joined), policy ×3, expectations text
    with django_assert_num_queries(7):
        client.get(url_of("detail", nomination))
