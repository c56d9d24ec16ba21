"""A seat that has not started is not yet a seat (issue #20, point 11): an appointment
starting later counts from its start, toward no rule, figure or "in office" count before
then; it is shown as "appointed from <date>" and counts toward the forecast ("covered from
<date>")."""

import datetime

import pytest
from django.utils import timezone, translation

from steering.compliance import register
from steering.compliance.checks import GroupFacts, Rule, Seat, check_group
from steering.models import Membership
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader

TODAY = datetime.date(2025, 6, 1)
NEXT_YEAR = datetime.date(2026, 1, 1)
REGIONS = {1: "Hovedstaden", 2: "Sjælland"}
Role = Membership.Role


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def seat(role, n, *, region_id=None, term_start=datetime.date(2024, 1, 1)) -> Seat:
    return Seat(n, n, f"Person {n}", role, region_id, term_start, None)


def complete(*extra: Seat, without: tuple = ()) -> GroupFacts:
    """Every rule met but for the seats numbered in ``without``, plus ``extra``."""
    seats = [
        seat(Role.MEMBER, 1, region_id=1),
        seat(Role.MEMBER, 2, region_id=2),
        seat(Role.CHAIR, 3),
        seat(Role.LEADERSHIP, 4),
        seat(Role.PATIENT, 5),
        seat(Role.PATIENT, 6),
    ]
    kept = [s for s in seats if s.membership_id not in without]
    return GroupFacts(seats=[*kept, *extra], region_ids=REGIONS, full_day_meetings_this_year=2)


def findings(group: GroupFacts) -> dict:
    return {f.rule: f for f in check_group(group, TODAY)}


def test_a_region_appointed_from_next_year_is_not_yet_represented_but_covered_then():
    found = findings(
        complete(seat(Role.MEMBER, 9, region_id=2, term_start=NEXT_YEAR), without=(2,))
    )

    assert set(found) == {Rule.REGIONS}
    assert found[Rule.REGIONS].region_ids == (2,)
    assert found[Rule.REGIONS].covered_from == NEXT_YEAR
    assert found[Rule.REGIONS].message == (
        "Not represented: Sjælland (appointed from 1 January 2026). Covered from 1 January 2026."
    )


def test_a_seat_counts_from_the_day_it_starts():
    group = complete(seat(Role.MEMBER, 9, region_id=2, term_start=TODAY), without=(2,))

    assert findings(group) == {}


def test_a_leadership_representative_from_next_year_does_not_meet_the_rule_yet():
    found = findings(complete(seat(Role.LEADERSHIP, 9, term_start=NEXT_YEAR), without=(4,)))

    assert set(found) == {Rule.LEADERSHIP}
    assert found[Rule.LEADERSHIP].covered_from == NEXT_YEAR
    assert "Covered from 1 January 2026." in found[Rule.LEADERSHIP].message


def test_a_chair_from_next_year_leaves_the_group_without_a_chair_until_then():
    found = findings(complete(seat(Role.CHAIR, 9, term_start=NEXT_YEAR), without=(3,)))

    assert set(found) == {Rule.CHAIR}
    assert found[Rule.CHAIR].covered_from == NEXT_YEAR


def test_patient_representatives_are_covered_when_the_last_one_needed_starts():
    later = datetime.date(2026, 3, 1)
    found = findings(
        complete(
            seat(Role.PATIENT, 8, term_start=later),
            seat(Role.PATIENT, 9, term_start=NEXT_YEAR),
            without=(5, 6),
        )
    )

    assert found[Rule.PATIENTS].message.startswith("0 of at least 2")
    assert found[Rule.PATIENTS].covered_from == later


def test_a_gap_with_nobody_appointed_has_no_forecast():
    group = complete(without=(4,))

    assert findings(group)[Rule.LEADERSHIP].covered_from is None


@pytest.mark.django_db
def test_the_seat_figures_count_seats_in_office_and_those_ahead_apart(group, hovedstaden):
    today = timezone.localdate()
    factories.MembershipFactory(group=group, representing_region=hovedstaden)
    factories.MembershipFactory(
        group=group,
        role=Role.LEADERSHIP,
        representing_region=hovedstaden,
        term_start=datetime.date(today.year + 1, 1, 1),
        term_end=datetime.date(today.year + 5, 1, 1),
    )

    figures = register.compute(today).seats

    assert (figures.total, figures.ahead, figures.people) == (1, 1, 1)
    assert figures.by_role.get(Role.LEADERSHIP, 0) == 0
    assert figures.by_region[hovedstaden.pk] == 1
    (leadership,) = [f for f in register.compute(today).failing[group.pk] if f.rule == "leadership"]
    assert leadership.covered_from == datetime.date(today.year + 1, 1, 1)


def future_leader(group) -> Membership:
    ensure_policy()
    today = timezone.localdate()
    return factories.MembershipFactory(
        group=group,
        person=make_leader("hovedstaden"),
        role=Role.LEADERSHIP,
        representing_region=None,
        appointing_body="circle",
        term_start=datetime.date(today.year + 1, 1, 1),
        term_end=datetime.date(today.year + 5, 1, 1),
    )


@pytest.mark.django_db
def test_the_overview_of_representatives_shows_a_future_one_as_appointed_not_in_office(
    client, circle_member, group
):
    seat = future_leader(group)
    client.force_login(circle_member)
    client.cookies["django_language"] = "en"

    response = client.get("/representatives/")
    data = response.context["data"]

    assert list(response.context["page_obj"]) == []
    assert data["covered_count"] == 0
    assert data["lacking"] == [group]
    assert {row["region"].code: row["leaders"] for row in data["by_region"]}["hovedstaden"] == 0
    start = seat.term_start
    assert f"appointed from {start.day} {start:%B} {start.year}" in response.text


@pytest.mark.django_db
def test_the_circle_s_dashboard_counts_representatives_in_office(client, circle_member, group):
    future_leader(group)
    client.force_login(circle_member)

    circle = client.get("/").context["circle"]

    assert circle["leader_count"] == 0
    assert circle["lacking_leadership"] == [group]
    assert circle["lacking_leadership"][0].appointed_from == datetime.date(
        timezone.localdate().year + 1, 1, 1
    )


@pytest.mark.django_db
def test_the_region_s_vacancy_says_when_the_appointed_member_starts(
    client, admin_hovedstaden, group, hovedstaden
):
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    factories.MembershipFactory(
        group=group, representing_region=hovedstaden, term_start=start, term_end=None
    )
    client.force_login(admin_hovedstaden)

    region = client.get("/").context["region"]
    workspace = client.get("/regions/hovedstaden/").context["data"]

    assert (region["seat_count"], region["vacancy_count"]) == (0, 1)
    assert workspace["vacancies"] == [group]
    assert workspace["vacancies"][0].appointed_from == start


@pytest.mark.django_db
def test_me_and_the_dashboard_show_a_future_seat_as_appointed_from_its_start(
    client, member, member_seat
):
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    member_seat.term_start = start
    member_seat.term_end = None
    member_seat.save()
    client.force_login(member)
    client.cookies["django_language"] = "en"

    expected = f"Appointed from {start.day} {start:%B} {start.year}"
    assert expected in " ".join(client.get("/me/").text.split())
    assert expected in " ".join(client.get("/").text.split())


@pytest.mark.django_db
def test_the_database_page_shows_a_region_appointed_from_a_later_date(
    client, secretariat, group, syddanmark
):
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    factories.MembershipFactory(
        group=group, representing_region=syddanmark, term_start=start, term_end=None
    )
    client.force_login(secretariat)

    coverage = client.get(f"/databases/{group.database.slug}/").context["coverage"]

    assert [
        (covered, arriving) for region, covered, arriving in coverage if region == syddanmark
    ] == [(False, start)]


@pytest.mark.django_db
def test_in_danish_a_future_seat_reads_udpeget_fra_the_date(client, member, member_seat):
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    member_seat.term_start = start
    member_seat.term_end = None
    member_seat.save()
    client.force_login(member)
    client.cookies["django_language"] = "da"

    assert f"Udpeget fra 1. januar {start.year}" in " ".join(client.get("/me/").text.split())
