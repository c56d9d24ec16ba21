"""The year plan: meetings by month, groups short of full-day meetings, and clashes."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from steering.meetings import planning
from steering.models import Invitation, Meeting
from tests import factories

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
YEAR = 2031


def at(month, day, hour=10, minute=0, year=YEAR) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CPH)


def meeting(group, start, kind=Meeting.Kind.FULL_DAY, **fields) -> Meeting:
    return factories.MeetingFactory(
        group=group,
        kind=kind,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        **fields,
    )


def test_groups_short_of_full_day_meetings(group, other_group):
    meeting(group, at(3, 3))
    meeting(group, at(9, 9))
    meeting(other_group, at(3, 3))
    meeting(other_group, at(9, 9), status=Meeting.Status.CANCELLED)
    meeting(other_group, at(10, 10), kind=Meeting.Kind.ONLINE)
    meeting(other_group, at(11, 11, year=YEAR + 1))

    short = list(planning.groups_short_of_full_day_meetings(YEAR))

    assert short == [other_group]
    assert short[0].full_days == 1


def test_a_person_with_meetings_in_two_groups_on_the_same_day_is_a_clash(group, other_group):
    person = factories.PersonFactory()
    morning = meeting(group, at(4, 4, 9))
    afternoon = meeting(other_group, at(4, 4, 15))
    Invitation.objects.create(meeting=morning, person=person)
    Invitation.objects.create(meeting=afternoon, person=person)
    # not clashes: another day, a declined invitation, a cancelled meeting, the same group
    elsewhere = factories.PersonFactory()
    Invitation.objects.create(meeting=morning, person=elsewhere)
    Invitation.objects.create(meeting=meeting(other_group, at(4, 5)), person=elsewhere)
    declined = factories.PersonFactory()
    Invitation.objects.create(meeting=morning, person=declined)
    Invitation.objects.create(meeting=afternoon, person=declined, response="no")
    cancelled = factories.PersonFactory()
    Invitation.objects.create(meeting=morning, person=cancelled)
    Invitation.objects.create(
        meeting=meeting(other_group, at(4, 4, 13), status=Meeting.Status.CANCELLED),
        person=cancelled,
    )

    (clash,) = planning.clashes(YEAR)

    assert clash.person == person
    assert clash.day == datetime.date(YEAR, 4, 4)
    assert clash.meetings == [morning, afternoon]


def test_a_clash_is_by_danish_day_not_utc_day(group, other_group):
    person = factories.PersonFactory()
    Invitation.objects.create(meeting=meeting(group, at(6, 6, 0, 30)), person=person)  # 5 June UTC
    Invitation.objects.create(meeting=meeting(other_group, at(6, 6, 20)), person=person)

    (clash,) = planning.clashes(YEAR)

    assert clash.day == datetime.date(YEAR, 6, 6)


PLAN_GRID = [
    ("secretariat", 200),
    ("admin_hovedstaden", 200),
    ("circle_member", 200),
    ("member", 403),
    ("outsider", 403),
    ("anonymous", 302),
]


@pytest.mark.parametrize(("persona", "status"), PLAN_GRID)
def test_who_sees_the_plan(client, request, persona, status):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    assert client.get(f"/meetings/plan/?year={YEAR}&month=3").status_code == status


def test_the_plan_page_shows_all_three_and_its_query_count_is_constant(
    client, secretariat, django_assert_num_queries
):
    groups = [factories.GroupFactory() for _ in range(4)]
    person = factories.PersonFactory(first_name="Clashing")
    for number, group in enumerate(groups):
        first = meeting(group, at(2, 10 + number))
        Invitation.objects.create(meeting=first, person=person)
    both = [meeting(group, at(3, 3, 9 + number)) for number, group in enumerate(groups[:2])]
    for item in both:
        Invitation.objects.create(meeting=item, person=person)
    client.force_login(secretariat)
    client.get("/meetings/plan/")

    # user, roles (the session is read from the cache), the month's meetings counted and
    # listed, the first short groups with their count (a window count), clashing
    # people-days, clash rows
    with django_assert_num_queries(7):
        response = client.get(f"/meetings/plan/?year={YEAR}&month=3")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Clashing" in body
    for group in groups:
        assert group.database.name in body


def test_a_bad_year_falls_back_to_this_year(client, secretariat):
    client.force_login(secretariat)

    assert client.get("/meetings/plan/?year=abc").status_code == 200
    assert client.get("/meetings/plan/?year=99999").status_code == 200
    assert client.get(f"/meetings/plan/?year={YEAR}&month=13").status_code == 200
    assert client.get(f"/meetings/plan/?year={YEAR}&month=x").status_code == 200


def test_the_page_shows_one_month_with_links_to_its_neighbours(client, secretariat, group):
    march = meeting(group, at(3, 31, 23, 30))  # 21:30 UTC, still March in Denmark
    april = meeting(group, at(4, 1, 0, 30))  # 22:30 UTC on 31 March, April in Denmark
    client.force_login(secretariat)

    body = client.get(f"/meetings/plan/?year={YEAR}&month=3").content.decode()

    assert march.get_absolute_url() in body and april.get_absolute_url() not in body
    assert f'href="?year={YEAR}&amp;month=2" rel="prev"' in body
    assert f'href="?year={YEAR}&amp;month=4" rel="next"' in body
    assert f'href="?year={YEAR}&amp;month=3" aria-current="page"' in body
    assert len(re.findall(r'month=\d+" aria-current="page"', body)) == 1


def test_the_months_wrap_around_the_year(client, secretariat):
    client.force_login(secretariat)

    january = client.get(f"/meetings/plan/?year={YEAR}&month=1").content.decode()
    december = client.get(f"/meetings/plan/?year={YEAR}&month=12").content.decode()

    assert f'href="?year={YEAR - 1}&amp;month=12" rel="prev"' in january
    assert f'href="?year={YEAR + 1}&amp;month=1" rel="next"' in december


def test_the_default_is_this_month_and_another_year_opens_in_january(client, secretariat):
    today = timezone.localdate()
    client.force_login(secretariat)

    this_month = client.get("/meetings/plan/").context["month"]
    other_year = client.get(f"/meetings/plan/?year={YEAR}").context["month"]

    assert (this_month.year, this_month.month) == (today.year, today.month)
    assert other_year == datetime.date(YEAR, 1, 1)


def test_clashes_are_those_of_the_month(group, other_group):
    person = factories.PersonFactory()
    for day in (at(4, 4, 9), at(5, 5, 9)):
        Invitation.objects.create(meeting=meeting(group, day), person=person)
        Invitation.objects.create(meeting=meeting(other_group, day.replace(hour=15)), person=person)

    (clash,) = planning.clashes(YEAR, 5)

    assert clash.day == datetime.date(YEAR, 5, 5)
    assert len(planning.clashes(YEAR)) == 2


def test_the_months_meetings_are_by_danish_month(group):
    meeting(group, at(4, 30, 23, 30))
    may = meeting(group, at(5, 1, 0, 30))
    meeting(group, at(6, 1, 0, 30))

    assert list(planning.meetings_in_month(YEAR, 5)) == [may]


def test_a_busy_month_is_listed_15_meetings_a_page(client, secretariat, group):
    meetings = [meeting(group, at(3, 1 + number % 28, 8 + number % 10)) for number in range(20)]
    client.force_login(secretariat)

    first = client.get(f"/meetings/plan/?year={YEAR}&month=3")
    second = client.get(f"/meetings/plan/?year={YEAR}&month=3&page=2")

    assert len(first.context["page_obj"].object_list) == 15
    assert len(second.context["page_obj"].object_list) == 5
    assert f'href="?year={YEAR}&amp;month=3&amp;page=2"' in first.text
    shown = [*first.context["page_obj"].object_list, *second.context["page_obj"].object_list]
    assert set(shown) == set(meetings)


def test_a_year_nobody_planned_lists_10_short_groups_and_says_how_many(client, secretariat):
    groups = [factories.GroupFactory() for _ in range(12)]
    client.force_login(secretariat)
    this_year = timezone.localdate().year

    body = client.get(f"/meetings/plan/?year={this_year}&month=1").content.decode()
    names = sorted(group.database.name for group in groups)

    assert "12 styregrupper mangler heldagsmøder; de første 10 efter navn er vist." in body
    assert names[9] in body and names[10] not in body
    assert "/compliance/?rule=full_day_meetings" in body
    # Another year's rest is not on the composition page (it counts this year).
    other = client.get(f"/meetings/plan/?year={this_year + 1}&month=1").content.decode()
    assert "12 styregrupper mangler" in other
    assert "/compliance/?rule=full_day_meetings" not in other


def test_a_few_short_groups_are_listed_without_a_count(client, secretariat):
    group = factories.GroupFactory()
    client.force_login(secretariat)

    body = client.get(f"/meetings/plan/?year={YEAR}&month=1").content.decode()

    assert group.database.name in body
    assert "mangler heldagsmøder" not in body
