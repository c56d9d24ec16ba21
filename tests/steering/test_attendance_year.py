"""Attendance in one year as charts and a table: per region, per group and the lowest groups."""

import datetime

import pytest
from django.utils import timezone

from steering.models import Invitation, Meeting
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/meetings/attendance/year/"
GROUPS = {"view": "groups"}
LAST_YEAR = timezone.localdate().year - 1


def held_last_year(group, month: int, **fields) -> Meeting:
    start = timezone.make_aware(datetime.datetime(LAST_YEAR, month, 10, 9))
    return factories.MeetingFactory(
        group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=6), **fields
    )


def invite(meeting, person, attendance="") -> Invitation:
    return Invitation.objects.create(meeting=meeting, person=person, attendance=attendance)


@pytest.fixture
def year(group, other_group, hovedstaden, syddanmark):
    """Last year's meetings: the group 2 of 3 recorded attended (one not recorded), the
    other group 1 of 2; the people of Hovedstaden 3 of 3, of Syddanmark 0 of 2."""
    capital = [factories.PersonFactory(employer__region=hovedstaden) for _ in range(3)]
    south = [factories.PersonFactory(employer__region=syddanmark) for _ in range(2)]
    first, second = held_last_year(group, 3), held_last_year(group, 9)
    invite(first, capital[0], "present")
    invite(first, capital[1], "remote")
    invite(first, south[0], "absent")
    invite(second, capital[2])  # not recorded
    invite(held_last_year(other_group, 5), capital[2], "present")
    invite(held_last_year(other_group, 6), south[1], "apologies")
    # Not counted: a cancelled meeting, a meeting the year before, a meeting this year.
    invite(held_last_year(group, 4, status=Meeting.Status.CANCELLED), south[0], "present")
    older = held_last_year(group, 4)
    older.starts_at = older.starts_at.replace(year=LAST_YEAR - 1)
    older.ends_at = older.ends_at.replace(year=LAST_YEAR - 1)
    older.save()
    invite(older, south[0], "present")
    now = factories.MeetingFactory(group=group, starts_at=timezone.now())
    invite(now, south[1], "present")
    return {"group": group, "other_group": other_group}


def test_the_regions_count_the_people_employed_there(client, secretariat, year):
    client.force_login(secretariat)

    response = client.get(URL, {"year": LAST_YEAR})

    rows = {row["label"]: row for row in response.context["region_rows"]}
    assert len(rows) == 5
    capital, south = rows["Region Hovedstaden"], rows["Region Syddanmark"]
    assert (capital["rate"], capital["registered"], capital["invited"]) == (100, 3, 4)
    assert (south["rate"], south["registered"], south["invited"]) == (0, 2, 2)
    assert rows["Region Sjælland"]["rate"] is None
    total = response.context["total"]
    assert (total["rate"], total["registered"], total["invited"]) == (60, 5, 6)
    chart = response.context["regions_chart"]
    assert [bar.shown for bar in chart.bars][:3] == ["100 %", "–", "0 %"]
    assert "60 %" in chart.summary
    assert "Region Hovedstaden (100 %)" in chart.summary


def test_the_groups_are_listed_by_name_or_by_rate(client, secretariat, year):
    client.force_login(secretariat)
    group, other = year["group"], year["other_group"]
    names = sorted([group.database.name, other.database.name])

    by_name = client.get(URL, {"year": LAST_YEAR, **GROUPS}).context["page_obj"]
    lowest = client.get(URL, {"year": LAST_YEAR, "order": "lowest"}).context["page_obj"]
    highest = client.get(URL, {"year": LAST_YEAR, "order": "highest"}).context["page_obj"]

    assert [row["label"] for row in by_name] == names
    rows = {row["label"]: row for row in by_name}
    assert (rows[group.database.name]["rate"], rows[group.database.name]["meetings"]) == (67, 2)
    assert (rows[other.database.name]["rate"], rows[other.database.name]["invited"]) == (50, 2)
    assert [row["label"] for row in lowest] == [other.database.name, group.database.name]
    assert [row["label"] for row in highest] == [group.database.name, other.database.name]


def test_a_group_without_recorded_attendance_comes_last_and_is_not_drawn(client, secretariat, year):
    quiet = factories.GroupFactory(database__name="Aaa quiet")
    invite(held_last_year(quiet, 2), factories.PersonFactory())
    client.force_login(secretariat)

    for order in ("lowest", "highest"):
        page = client.get(URL, {"year": LAST_YEAR, "order": order}).context["page_obj"]
        assert page[len(page) - 1]["label"] == "Aaa quiet"
        assert page[len(page) - 1]["rate"] is None
    chart = client.get(URL, {"year": LAST_YEAR, **GROUPS}).context["lowest_chart"]
    assert [bar.value for bar in chart.bars] == [50, 67]
    assert "50 %" in chart.summary


def test_a_regional_administrator_counts_their_region_only(client, admin_hovedstaden, year):
    client.force_login(admin_hovedstaden)

    response = client.get(URL, {"year": LAST_YEAR})
    groups = client.get(URL, {"year": LAST_YEAR, **GROUPS})

    (row,) = response.context["region_rows"]
    assert (row["label"], row["rate"], row["invited"]) == ("Region Hovedstaden", 100, 4)
    rows = {row["label"]: row for row in groups.context["page_obj"]}
    assert rows[year["group"].database.name]["invited"] == 3  # not the person from Syddanmark
    assert "Region Syddanmark" not in response.text + groups.text


def test_a_group_counts_its_meetings_with_an_invitation_counted(
    client, secretariat, admin_hovedstaden, year
):
    """The other group met twice, once with a person from Hovedstaden invited: that is one
    meeting for the region's administrator. A meeting nobody was invited to is none."""
    held_last_year(year["group"], 11)  # no invitations
    name = year["other_group"].database.name

    client.force_login(secretariat)
    everyone = {
        row["label"]: row
        for row in client.get(URL, {"year": LAST_YEAR, **GROUPS}).context["page_obj"]
    }
    client.force_login(admin_hovedstaden)
    region = {
        row["label"]: row
        for row in client.get(URL, {"year": LAST_YEAR, **GROUPS}).context["page_obj"]
    }

    assert everyone[year["group"].database.name]["meetings"] == 2
    assert (everyone[name]["meetings"], everyone[name]["invited"], everyone[name]["rate"]) == (
        2,
        2,
        50,
    )
    assert (region[name]["meetings"], region[name]["invited"], region[name]["rate"]) == (1, 1, 100)
    assert region[year["group"].database.name]["meetings"] == 2


def test_a_regional_administrators_figures_are_their_regions(client, admin_hovedstaden, year):
    client.force_login(admin_hovedstaden)

    response = client.get(URL, {"year": LAST_YEAR})

    total = response.context["total"]
    assert (total["invited"], total["registered"], total["present"], total["remote"]) == (
        4,
        3,
        2,
        1,
    )
    assert (total["apologies"], total["absent"], total["unregistered"]) == (0, 0, 1)
    (row,) = response.context["region_rows"]
    assert {key: row[key] for key in total if key != "label"} == {
        key: value for key, value in total.items() if key != "label"
    }
    groups = client.get(URL, {"year": LAST_YEAR, **GROUPS}).context
    rows = {row["label"]: row for row in groups["page_obj"]}
    group = rows[year["group"].database.name]
    # Of its three invitations two are recorded, both attended (present and online).
    assert (group["invited"], group["registered"], group["attended"], group["rate"]) == (
        3,
        2,
        2,
        100,
    )
    assert [bar.value for bar in groups["lowest_chart"].bars] == [100, 100]


def test_equal_rates_are_ordered_by_name(client, secretariat):
    person = factories.PersonFactory()
    for name, answers in (
        ("Ccc none recorded", [""]),
        ("Bbb half", ["present", "absent"]),
        ("Aaa half", ["remote", "apologies", "present", "absent"]),
        ("Ddd all", ["present"]),
    ):
        group = factories.GroupFactory(database__name=name)
        for month, attendance in enumerate(answers, start=1):
            invite(held_last_year(group, month), person, attendance)
    client.force_login(secretariat)

    def labels(order):
        page = client.get(URL, {"year": LAST_YEAR, "order": order}).context["page_obj"]
        return [row["label"].split()[0] for row in page]

    assert labels("name") == ["Aaa", "Bbb", "Ccc", "Ddd"]
    assert labels("lowest") == ["Aaa", "Bbb", "Ddd", "Ccc"]
    assert labels("highest") == ["Ddd", "Aaa", "Bbb", "Ccc"]


def test_the_groups_are_paged_in_their_order_and_the_chart_shows_the_lowest_five(
    client, secretariat
):
    people = [factories.PersonFactory() for _ in range(24)]
    # Group 00 attended 0 of 24 recorded, group 01 1 of 24, … group 23 23 of 24.
    for number in range(24):
        meeting = held_last_year(factories.GroupFactory(database__name=f"Group {number:02}"), 3)
        for count, person in enumerate(people):
            invite(meeting, person, "present" if count < number else "absent")
    client.force_login(secretariat)

    first = client.get(URL, {"year": LAST_YEAR, "order": "highest"}).context
    second = client.get(URL, {"year": LAST_YEAR, "order": "highest", "page": 2}).context

    assert first["page_obj"].paginator.count == 24
    assert [row["label"] for row in first["page_obj"]][:2] == ["Group 23", "Group 22"]
    assert [row["label"] for row in second["page_obj"]] == [
        "Group 03",
        "Group 02",
        "Group 01",
        "Group 00",
    ]
    assert [bar.label for bar in second["lowest_chart"].bars] == [
        f"Group {number:02}" for number in range(5)
    ]
    assert [bar.value for bar in second["lowest_chart"].bars] == [0, 4, 8, 12, 17]


def test_the_page_shows_this_year_by_default_and_only_meetings_held(
    client, secretariat, group, hovedstaden
):
    invite(factories.MeetingFactory(group=group), factories.PersonFactory(), "")  # ahead
    client.force_login(secretariat)

    response = client.get(URL)
    groups = client.get(URL, GROUPS)

    assert response.context["year"] == timezone.localdate().year
    assert response.context["total"]["invited"] == 0
    assert groups.context["page_obj"].paginator.count == 0
    assert "No meetings were held" in groups.text or "Der blev ikke holdt" in groups.text


@pytest.mark.parametrize("query", [{"order": "lowest"}, {"year": "", "order": "lowest"}])
def test_an_order_without_a_year_is_this_years(client, secretariat, query):
    """The order links of other pages leave the year out: that is this year, not an error
    that quietly shows the groups by name."""
    now = timezone.now()
    for name, attendance in (("Aaa attended", "present"), ("Bbb absent", "absent")):
        meeting = factories.MeetingFactory(
            group=factories.GroupFactory(database__name=name), starts_at=now
        )
        invite(meeting, factories.PersonFactory(), attendance)
    client.force_login(secretariat)

    response = client.get(URL, query)

    assert not response.context["form"].errors
    this_year = timezone.localdate(now).year
    assert (response.context["year"], response.context["order"]) == (this_year, "lowest")
    assert [row["label"] for row in response.context["page_obj"]] == ["Bbb absent", "Aaa attended"]


@pytest.mark.parametrize("query", [{"year": "1999"}, {"year": "x"}, {"order": "drop table"}])
def test_a_year_or_order_not_offered_is_explained_on_the_form(client, secretariat, query):
    client.force_login(secretariat)

    response = client.get(URL, query)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["year"] == timezone.localdate().year
    assert 'class="alert alert-error"' in response.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("circle_member", 200),
        ("admin_hovedstaden", 200),
        ("chair", 403),
        ("member", 403),
        ("anonymous", 302),
    ],
)
def test_who_sees_the_yearly_attendance(client, request, persona, status):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    assert client.get(URL).status_code == status


def test_the_charts_have_a_name_a_summary_and_a_table(client, secretariat, year):
    client.force_login(secretariat)

    for query, key in (({}, "regions"), (GROUPS, "lowest")):
        text = client.get(URL, {"year": LAST_YEAR, **query}).text
        assert f'aria-labelledby="chart-{key}-title"' in text
        assert f'aria-describedby="chart-{key}-summary"' in text
        assert text.count('<details class="chart-table">') == 1
        assert text.count('role="img"') == 1


@pytest.mark.parametrize(
    ("persona", "query", "queries"),
    # user, roles (the session is read from the cache), then per region: the regions (an
    # administrator's own) and the invitations per region; per group: an administrator's
    # own region, the invitations per group and the groups' names
    [
        ("secretariat", {}, 4),
        ("admin_hovedstaden", {}, 4),
        ("secretariat", {"order": "lowest"}, 4),
        ("admin_hovedstaden", {"order": "lowest"}, 5),
    ],
)
def test_the_query_count_does_not_grow_with_the_year(
    client, request, persona, query, queries, year, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    client.get(URL, {"year": LAST_YEAR, **query})

    def grow():
        for _ in range(3):
            group = factories.GroupFactory()
            meeting = held_last_year(group, 7)
            for _ in range(3):
                person = factories.PersonFactory(employer__region=factories.region("hovedstaden"))
                invite(meeting, person, "present")

    with django_assert_num_queries(queries):
        client.get(URL, {"year": LAST_YEAR, **query})
    grow()
    with django_assert_num_queries(queries):
        client.get(URL, {"year": LAST_YEAR, **query})


def test_the_regions_and_the_groups_are_two_views_of_one_pass_each(client, secretariat, year):
    """Per region by default, per group by its link (or any order of the groups); each
    view links to the other and keeps the year."""
    client.force_login(secretariat)

    regions = client.get(URL, {"year": LAST_YEAR})
    groups = client.get(URL, {"year": LAST_YEAR, **GROUPS})

    assert (regions.context["view"], groups.context["view"]) == ("regions", "groups")
    assert "page_obj" not in regions.context and "region_rows" not in groups.context
    assert f'href="?year={LAST_YEAR}&amp;view=groups"' in regions.text
    assert f'href="?year={LAST_YEAR}&amp;view=regions"' in groups.text
    assert f'href="?year={LAST_YEAR}&amp;view=groups&amp;order=lowest"' in groups.text
    # The year's form keeps the view.
    assert 'name="view" value="groups"' in groups.text
    bad = client.get(URL, {"view": "everything"})
    assert bad.context["form"].errors and bad.context["view"] == "regions"
