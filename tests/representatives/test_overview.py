"""/representatives/: coverage by umbrella and region, the pipeline, attendance; fixed queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from representatives.models import LeadershipNomination
from representatives.overview import LACKING_SHOWN
from representatives.overview import REPRESENTATIVES_PER_PAGE as PAGE_SIZE
from steering.models import Invitation, Meeting
from tests import factories
from tests.representatives.conftest import make_leader, make_nomination

pytestmark = pytest.mark.django_db
URL = "/representatives/"
NOW = timezone.now()


def leader_seat(group, region_code="hovedstaden", **fields):
    person = make_leader(region_code)
    fields.setdefault("term_start", datetime.date(2024, 1, 1))
    return factories.MembershipFactory(
        person=person,
        group=group,
        role="leadership",
        representing_region=None,
        appointing_body="circle",
        **fields,
    )


def full_day(group, days_ago: int, **fields) -> Meeting:
    start = NOW - datetime.timedelta(days=days_ago)
    return factories.MeetingFactory(group=group, starts_at=start, **fields)


def test_the_url_is_stable():
    assert reverse("representatives:overview") == URL


def test_coverage_by_umbrella_lists_the_groups_lacking_a_leader(client, circle_member):
    cancer = factories.GroupFactory(database__umbrella="dmcg")
    cancer_covered = factories.GroupFactory(database__umbrella="dmcg")
    heart = factories.GroupFactory(database__umbrella="dmhg")
    leader_seat(cancer_covered)
    factories.GroupFactory(database__umbrella="", requires_leadership_representative=False)
    client.force_login(circle_member)
    data = client.get(URL).context["data"]
    rows = {str(row["label"]): row for row in data["by_umbrella"]}
    dmcg = next(row for label, row in rows.items() if label.startswith("DMCG"))
    dmhg = next(row for label, row in rows.items() if label.startswith("DMHG"))
    assert (dmcg["groups"], dmcg["covered"]) == (2, 1)
    assert (dmhg["groups"], dmhg["covered"]) == (1, 0)
    assert len(rows) == 2  # the group without the requirement is not counted
    assert (data["group_count"], data["covered_count"]) == (3, 1)
    assert data["lacking"] == sorted([cancer, heart], key=lambda g: g.database.name)


def test_coverage_by_region_follows_where_the_leaders_are_employed(client, secretariat, leader):
    leader_seat(factories.GroupFactory(), "syddanmark")
    leader_seat(factories.GroupFactory(), "syddanmark")
    make_nomination(leader, factories.GroupFactory(), None)
    client.force_login(secretariat)
    rows = {row["region"].code: row for row in client.get(URL).context["data"]["by_region"]}
    assert (rows["syddanmark"]["leaders"], rows["syddanmark"]["groups"]) == (2, 2)
    assert rows["hovedstaden"]["open_nominations"] == 1
    assert rows["hovedstaden"]["groups"] == 0


def test_the_pipeline_counts_nominations_by_status(client, admin_hovedstaden, group, leader):
    open_one = make_nomination(leader, group, admin_hovedstaden)
    make_nomination(make_leader(), group, admin_hovedstaden, status="withdrawn")
    make_nomination(
        make_leader(),
        group,
        admin_hovedstaden,
        status="rejected",
        decided_by=admin_hovedstaden,
        decided_at=NOW,
    )
    client.force_login(admin_hovedstaden)
    response = client.get(URL)
    data = response.context["data"]
    counts = {value: n for value, _label, n in data["pipeline"]}
    assert counts == {"proposed": 1, "approved": 0, "rejected": 1, "withdrawn": 1}
    assert data["open_nominations"] == [open_one]
    assert len(data["recent_decisions"]) == 2
    assert reverse("representatives:nomination-detail", args=[open_one.pk]) in (
        response.content.decode()
    )


def test_attendance_counts_the_group_s_full_day_meetings_since_the_term_began(
    client, circle_member, group
):
    seat = leader_seat(group, term_start=(NOW - datetime.timedelta(days=400)).date())
    attended = full_day(group, 300)
    online = full_day(group, 200)
    missed = full_day(group, 100)
    full_day(group, 500)  # before the term
    full_day(group, 50, kind=Meeting.Kind.ORDINARY)  # not a full-day meeting
    full_day(group, 20, status=Meeting.Status.CANCELLED)
    full_day(group, -30)  # not held yet
    other_group_meeting = full_day(factories.GroupFactory(), 10)
    Invitation.objects.create(meeting=attended, person=seat.person, attendance="present")
    Invitation.objects.create(meeting=online, person=seat.person, attendance="remote")
    Invitation.objects.create(meeting=missed, person=seat.person, attendance="apologies")
    Invitation.objects.create(meeting=other_group_meeting, person=seat.person, attendance="present")
    client.force_login(circle_member)
    response = client.get(URL)
    [row] = response.context["page_obj"]
    assert (row.full_day_attended, row.full_day_held) == (2, 3)
    assert "2 of 3" in response.content.decode()


def test_each_representative_s_groups_and_terms_are_listed(client, circle_member):
    first = leader_seat(factories.GroupFactory())
    second = factories.MembershipFactory(
        person=first.person,
        group=factories.GroupFactory(),
        role="leadership",
        representing_region=None,
        term_start=datetime.date(2025, 3, 1),
        term_end=datetime.date(2029, 2, 28),
    )
    client.force_login(circle_member)
    response = client.get(URL)
    assert {s.pk for s in response.context["page_obj"]} == {first.pk, second.pk}
    html = response.content.decode()
    assert second.group.database.name in html and "28 February 2029" in html


def _populate(groups: int) -> None:
    for index in range(groups):
        group = factories.GroupFactory(database__umbrella=["", "dmcg", "dmhg"][index % 3])
        seat = leader_seat(group, ["hovedstaden", "syddanmark"][index % 2])
        meeting = full_day(group, 30)
        Invitation.objects.create(meeting=meeting, person=seat.person, attendance="present")
        make_nomination(make_leader(), factories.GroupFactory(), None)
        make_nomination(
            make_leader(), group, None, status="withdrawn", decided_at=NOW, decided_by=None
        )


# user, roles (the session is read from the cache); the representatives counted and a
# page of them with their attendance; open nominations; coverage by umbrella; the first
# groups without a representative (with a window count); the pipeline's counts; the
# latest decisions; the seats by region, and the regions.
OVERVIEW_QUERIES = 11


@pytest.mark.parametrize("persona", ["secretariat", "circle_member", "admin_hovedstaden"])
@pytest.mark.parametrize("groups", [2, 8])
def test_the_overview_costs_the_same_queries_for_2_and_8_groups(
    client, persona, groups, request, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    _populate(groups)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(URL)
    assert len(response.context["page_obj"]) == groups
    assert LeadershipNomination.objects.count() == 2 * groups


def test_the_overview_names_the_first_groups_without_a_representative_and_counts_them(
    client, circle_member
):
    groups = [factories.GroupFactory() for _ in range(LACKING_SHOWN + 2)]
    client.force_login(circle_member)
    response = client.get(URL)
    data = response.context["data"]
    by_name = sorted(groups, key=lambda group: group.database.name)
    assert data["lacking"] == by_name[:LACKING_SHOWN]
    assert data["lacking_count"] == LACKING_SHOWN + 2
    assert "/compliance/?rule=leadership" in response.content.decode()


def test_the_representatives_in_office_are_shown_a_page_at_a_time(client, circle_member):
    for _ in range(PAGE_SIZE + 1):
        leader_seat(factories.GroupFactory())
    client.force_login(circle_member)
    first = client.get(URL)
    second = client.get(URL, {"page": "2"})
    assert len(first.context["page_obj"]) == PAGE_SIZE
    assert len(second.context["page_obj"]) == 1
    assert first.context["page_obj"].paginator.count == PAGE_SIZE + 1
