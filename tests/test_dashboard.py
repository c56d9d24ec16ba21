"""The dashboard shows each role what is theirs, at a pinned number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from regions.services import request_appointment
from tests.factories import GroupFactory, MeetingFactory, MembershipFactory, region


def test_the_secretariat_sees_the_compliance_summary(client, secretariat, member_seat):
    client.force_login(secretariat)
    response = client.get("/")
    data = response.context["secretariat"]
    assert data["group_count"] == 1
    assert data["seats"].total == 1
    counts = {rule: n for rule, _label, n in data["rule_counts"]}
    assert all(value == 1 for value in counts.values() if value) and counts
    body = response.content.decode()
    assert member_seat.group.database.name in body
    # Each rule that a group fails links to its groups on the compliance page.
    assert f'href="{reverse("steering:compliance")}?rule=chair#rule-chair"' in body


def test_the_secretariat_sees_the_rules_and_regions_drawn_beside_their_tables(
    client, secretariat, member_seat, other_group
):
    client.force_login(secretariat)
    response = client.get("/")
    data = response.context["secretariat"]
    by_rule = {bar.label: bar.value for bar in data["by_rule"].bars}
    assert by_rule == {label: count for _rule, label, count in data["rule_counts"]}
    by_region = {bar.label: bar.value for bar in data["by_region"].bars}
    assert by_region == {row["region"].name: row["vacancy_count"] for row in data["regions"]}
    assert by_region["Region Hovedstaden"] == 1  # other_group has nobody from it
    body = response.content.decode()
    for key in ("by-rule", "by-region"):
        assert f'<svg role="img" aria-labelledby="chart-{key}-title"' in body
        assert f'id="chart-{key}-summary"' in body
    assert data["by_rule"].summary in body


def test_a_regional_administrator_sees_their_region_s_vacancies(
    client, admin_hovedstaden, member_seat, other_group
):
    client.force_login(admin_hovedstaden)
    data = client.get("/").context["region"]
    assert data["region"].code == "hovedstaden"
    # other_group has nobody from the region; member_seat's group has its member.
    assert data["vacancy_count"] == 1
    assert data["seat_count"] == 1


def test_a_regional_administrator_sees_holdovers_and_terms_ending(client, admin_hovedstaden):
    today = timezone.localdate()
    ending = MembershipFactory(term_end=today + datetime.timedelta(days=30))
    holdover = MembershipFactory(
        term_start=datetime.date(2018, 1, 1), term_end=today - datetime.timedelta(days=1)
    )
    client.force_login(admin_hovedstaden)
    data = client.get("/").context["region"]
    assert (data["ending_count"], data["holdover_count"]) == (1, 1)
    workspace = client.get(reverse("regions:region-detail", args=["hovedstaden"])).context["data"]
    assert workspace["ending"] == [ending] and workspace["holdovers"] == [holdover]


def test_the_circle_sees_groups_without_a_leadership_representative(
    client, circle_member, group, other_group
):
    MembershipFactory(group=other_group, role="leadership", representing_region=None)
    client.force_login(circle_member)
    data = client.get("/").context["circle"]
    assert data["lacking_leadership"] == [group]
    assert data["leader_count"] == 1


def test_the_circle_dashboard_lists_5_groups_and_links_to_the_rest(client, circle_member):
    groups = [GroupFactory(requires_leadership_representative=True) for _ in range(7)]
    client.force_login(circle_member)
    body = client.get("/").content.decode()
    shown = [group for group in groups if group.database.get_absolute_url() in body]
    assert len(shown) == 5
    assert "og 2 styregrupper mere" in body
    assert f'– <a href="{reverse("representatives:overview")}">' in body


def test_a_regional_administrator_s_dashboard_counts_and_links_to_the_workspace(
    client, admin_hovedstaden, secretariat
):
    """The dashboard counts what needs the administrator and links each figure to where it
    is acted on; the lists, each row with its action, are the workspace's."""
    today = timezone.localdate()
    for n in range(7):
        MembershipFactory(term_end=today + datetime.timedelta(days=10 + n))
    for n in range(6):
        MembershipFactory(
            term_start=datetime.date(2018, 1, 1), term_end=today - datetime.timedelta(days=1 + n)
        )
    vacant = [GroupFactory() for _ in range(6)]
    asked = [
        request_appointment(
            actor=secretariat,
            group=group,
            region=region("hovedstaden"),
            reason="Ingen fra regionen",
            due_on=today + datetime.timedelta(days=days),
        )
        for group, days in ((vacant[0], 3), (vacant[1], 9))
    ]
    client.force_login(admin_hovedstaden)
    response = client.get("/")
    data = response.context["region"]
    assert (data["ending_count"], data["holdover_count"], data["vacancy_count"]) == (7, 6, 6)
    assert (data["open_request_count"], data["first_due"]) == (2, asked[0].due_on)
    body = response.content.decode()
    assert '<span class="stat-number">7</span>' in body
    assert f"Første frist er {date_format(asked[0].due_on, 'DATE_FORMAT')}." in body
    workspace = reverse("regions:region-detail", args=["hovedstaden"])
    for section in ("requests", "vacancies", "ending", "holdovers"):
        assert f'href="{workspace}#{section}-heading"' in body
    assert f'href="{reverse("regions:region-people", args=["hovedstaden"])}"' in body
    assert vacant[0].database.name not in body
    # Each section the cards link to is on the workspace.
    page = client.get(workspace).content.decode()
    for section in ("requests", "vacancies", "ending", "holdovers"):
        assert f'id="{section}-heading"' in page


def test_a_member_sees_their_seats_and_next_meetings(client, member, member_seat, other_group):
    meeting = MeetingFactory(group=member_seat.group)
    meeting.invitations.create(person=member_seat.person)
    client.force_login(member)
    response = client.get("/")
    data = response.context["member"]
    assert data["my_seats"] == [member_seat]
    assert [invitation.meeting_id for invitation in data["invitations"]] == [meeting.pk]
    assert "secretariat" not in response.context
    body = response.content.decode()
    assert other_group.database.name not in body
    assert member_seat.person.full_name in body
    assert f'href="{member_seat.group.database.get_absolute_url()}"' in body
    assert f'href="{meeting.get_absolute_url()}"' in body


def test_a_member_s_seats_and_meetings_cost_two_queries(
    client, member, member_seat, django_assert_num_queries
):
    meeting = MeetingFactory(group=member_seat.group)
    meeting.invitations.create(person=member_seat.person)
    client.force_login(member)
    # user, roles; the current seats (with the person's name), the next meetings.
    with django_assert_num_queries(4):
        assert client.get("/").status_code == 200


def test_a_member_without_a_current_seat_is_greeted_by_name(client, member, member_seat):
    member_seat.status = "ended"
    member_seat.ended_on = member_seat.term_start
    member_seat.save()
    client.force_login(member)
    response = client.get("/")
    assert response.context["member"]["my_seats"] == []
    assert member_seat.person.full_name in response.content.decode()


def test_a_member_past_the_planned_term_is_shown_as_a_holdover(client, member, member_seat):
    member_seat.term_start = datetime.date(2018, 1, 1)
    member_seat.term_end = timezone.localdate() - datetime.timedelta(days=1)
    member_seat.save()
    client.force_login(member)
    response = client.get("/")
    [seat] = response.context["member"]["my_seats"]
    assert seat.is_holdover()
    assert "Fortsætter efter udløb" in response.content.decode()


def _populate(groups: int) -> None:
    for _ in range(groups):
        group = GroupFactory()
        for code in ("hovedstaden", "sjaelland", "syddanmark"):
            MembershipFactory(group=group, representing_region=region(code))
        MembershipFactory(group=group, role="chair", representing_region=None)
        MeetingFactory(group=group)


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_the_dashboard_costs_the_same_queries_for_3_and_12_groups(
    client, persona, request, django_assert_num_queries, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    _populate(3)
    with django_assert_max_num_queries(100) as small:
        assert client.get("/").status_code == 200
    _populate(9)
    user.__dict__.pop("roles", None)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get("/").status_code == 200


def test_the_secretariat_dashboard_query_count_is_pinned(
    client, secretariat, django_assert_num_queries
):
    _populate(2)
    client.force_login(secretariat)
    # user, roles (the session is read from the cache); the compliance register, computed
    # because a test runs in a transaction: groups, regions, active seats (the seat counts
    # come from them) with their decided re-appointments, chair history, meeting counts;
    # outbox by status; the groups with the most findings; the regions and their
    # unanswered appointment requests counted.
    with django_assert_num_queries(11):
        client.get("/")


def test_a_member_s_past_and_cancelled_meetings_are_not_listed(client, member, member_seat):
    past = MeetingFactory(
        group=member_seat.group, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    cancelled = MeetingFactory(group=member_seat.group, status="cancelled")
    upcoming = MeetingFactory(group=member_seat.group)
    for meeting in (past, cancelled, upcoming):
        meeting.invitations.create(person=member_seat.person)
    client.force_login(member)
    invitations = client.get("/").context["member"]["invitations"]
    assert [invitation.meeting_id for invitation in invitations] == [upcoming.pk]


def test_the_regional_administrator_s_dashboard_query_count_is_pinned(
    client, admin_hovedstaden, django_assert_num_queries
):
    _populate(2)
    GroupFactory()  # without a member from the region
    client.force_login(admin_hovedstaden)
    # user, roles (the session is read from the cache); the compliance register, computed
    # because a test runs in a transaction (5, as above); the region with its people
    # counted, its seats due counted, its unanswered appointment requests counted.
    with django_assert_num_queries(10):
        client.get("/")


def test_the_circle_s_dashboard_query_count_is_pinned(
    client, circle_member, django_assert_num_queries
):
    _populate(2)
    client.force_login(circle_member)
    # user, roles; the compliance register (5, as above); the groups without a leadership
    # representative, the open nominations.
    with django_assert_num_queries(9):
        client.get("/")
