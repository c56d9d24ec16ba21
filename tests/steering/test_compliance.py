"""Composition rules: check_group on hand-built facts (no database), then the loader.

Each rule is tested at its edges against a group that otherwise meets every rule.
"""

import datetime
import itertools
import zoneinfo

import pytest
from django.utils import translation

from steering.compliance.checks import (
    GroupFacts,
    GroupRules,
    Rule,
    Seat,
    chair_service_limit,
    check_group,
    facts_for_groups,
)
from steering.models import Meeting, Membership
from tests import factories

TODAY = datetime.date(2025, 6, 1)
DAY = datetime.timedelta(days=1)
REGIONS = {1: "Hovedstaden", 2: "Sjælland", 3: "Syddanmark", 4: "Midtjylland", 5: "Nordjylland"}
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def seat(
    role: str = "member",
    *,
    region_id: int | None = None,
    term_start: datetime.date = datetime.date(2024, 1, 1),
    term_end: datetime.date | None = datetime.date(2027, 12, 31),
    chair_since: datetime.date | None = None,
    name: str = "",
) -> Seat:
    number = next(_numbers)
    if role == "chair" and chair_since is None:
        chair_since = term_start
    return Seat(
        membership_id=number,
        person_id=number,
        person_name=name or f"Person {number}",
        role=role,
        region_id=region_id,
        term_start=term_start,
        term_end=term_end,
        chair_since=chair_since,
    )


def regional_seats(region_ids=REGIONS) -> list[Seat]:
    return [seat("member", region_id=pk) for pk in region_ids]


def facts(
    *,
    regions: list[Seat] | None = None,
    chairs: list[Seat] | None = None,
    leadership: list[Seat] | None = None,
    patients: list[Seat] | None = None,
    others: list[Seat] = (),
    rules: GroupRules | None = None,
    meetings: int = 2,
) -> GroupFacts:
    """A group that meets every rule, unless a part is replaced."""
    seats = [
        *(regional_seats() if regions is None else regions),
        *([seat("chair")] if chairs is None else chairs),
        *([seat("leadership")] if leadership is None else leadership),
        *([seat("patient"), seat("patient")] if patients is None else patients),
        *others,
    ]
    return GroupFacts(
        seats=seats,
        region_ids=REGIONS,
        rules=rules or GroupRules(),
        full_day_meetings_this_year=meetings,
    )


def broken(group: GroupFacts, today: datetime.date = TODAY) -> set[str]:
    return {finding.rule for finding in check_group(group, today)}


def finding(group: GroupFacts, rule: str, today: datetime.date = TODAY):
    (found,) = [f for f in check_group(group, today) if f.rule == rule]
    return found


def test_a_group_that_meets_every_rule_has_no_findings():
    assert check_group(facts(), TODAY) == []


# --- Every region represented ---------------------------------------------------------------


def test_a_group_missing_one_region_is_flagged_with_its_name():
    group = facts(regions=regional_seats([1, 2, 3, 4]))

    assert broken(group) == {Rule.REGIONS}
    assert finding(group, Rule.REGIONS).message == "Not represented: Nordjylland"


def test_a_region_is_represented_by_any_seat_naming_it():
    group = facts(
        regions=regional_seats([1, 2, 3, 4]), leadership=[seat("leadership", region_id=5)]
    )

    assert broken(group) == set()


def test_a_group_that_need_not_have_every_region_is_not_flagged():
    group = facts(regions=regional_seats([1]), rules=GroupRules(requires_all_regions=False))

    assert broken(group) == set()


# --- Chair ----------------------------------------------------------------------------------


def test_a_group_without_a_chair_is_flagged():
    assert broken(facts(chairs=[])) == {Rule.CHAIR}


@pytest.mark.parametrize("count", [1, 2], ids=["one chair", "co-chairs"])
def test_one_chair_or_co_chairs_are_enough(count):
    assert broken(facts(chairs=[seat("chair") for _ in range(count)])) == set()


# --- Leadership representative --------------------------------------------------------------


def test_a_group_without_its_required_leadership_representative_is_flagged():
    assert broken(facts(leadership=[])) == {Rule.LEADERSHIP}


def test_a_group_that_needs_no_leadership_representative_is_not_flagged():
    rules = GroupRules(requires_leadership_representative=False)

    assert broken(facts(leadership=[], rules=rules)) == set()


# --- Patient/relative representatives -------------------------------------------------------


def test_one_patient_representative_of_the_two_required_is_flagged():
    group = facts(patients=[seat("patient")])

    assert broken(group) == {Rule.PATIENTS}
    assert finding(group, Rule.PATIENTS).message == (
        "1 of at least 2 patient/relative representatives."
    )


def test_two_patient_representatives_of_two_required_are_enough():
    assert broken(facts(patients=[seat("patient"), seat("patient")])) == set()


def test_a_group_requiring_no_patient_representatives_is_not_flagged():
    assert broken(facts(patients=[], rules=GroupRules(min_patient_representatives=0))) == set()


# --- Chair term limit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chair_since", "limit"),
    [
        # Served more than six years when the 2022 framework took effect on 2022-03-29:
        # one further four-year period from then.
        (datetime.date(2010, 5, 1), datetime.date(2026, 3, 29)),
        (datetime.date(2016, 3, 27), datetime.date(2026, 3, 29)),
        (datetime.date(2016, 3, 28), datetime.date(2026, 3, 29)),
        # Exactly six years or less: two four-year periods from the start.
        (datetime.date(2016, 3, 29), datetime.date(2024, 3, 29)),
        (datetime.date(2016, 3, 30), datetime.date(2024, 3, 30)),
        (datetime.date(2020, 2, 29), datetime.date(2028, 2, 29)),
        (datetime.date(2024, 1, 1), datetime.date(2032, 1, 1)),
    ],
)
def test_a_chairs_service_limit(chair_since, limit):
    assert chair_service_limit(chair_since) == limit


@pytest.mark.parametrize(
    ("chair_since", "last_day"),
    [
        (datetime.date(2016, 3, 27), datetime.date(2026, 3, 29)),
        (datetime.date(2016, 3, 30), datetime.date(2024, 3, 30)),
    ],
    ids=["grandfathered", "two periods"],
)
def test_a_chair_is_flagged_the_day_after_their_limit_not_on_it(chair_since, last_day):
    chair = seat("chair", chair_since=chair_since, term_start=chair_since, term_end=None)
    group = facts(chairs=[chair])

    assert Rule.CHAIR_TERM_LIMIT not in broken(group, today=last_day)
    assert broken(group, today=last_day + DAY) == {Rule.CHAIR_TERM_LIMIT}


def test_a_chair_whose_planned_term_passes_the_limit_is_flagged_already_today():
    # Began 2020-01-01, so the limit is 2028-01-01; the term is planned one day longer.
    chair = seat(
        "chair",
        chair_since=datetime.date(2020, 1, 1),
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2028, 1, 2),
        name="Hanne Holm",
    )
    group = facts(chairs=[chair, seat("chair")])

    assert broken(group) == {Rule.CHAIR_TERM_LIMIT}
    flagged = finding(group, Rule.CHAIR_TERM_LIMIT)
    assert flagged.membership_ids == (chair.membership_id,)
    assert "Hanne Holm" in flagged.message


def test_a_chair_whose_planned_term_ends_on_the_limit_is_not_flagged():
    chair = seat(
        "chair",
        chair_since=datetime.date(2020, 1, 1),
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2028, 1, 1),
    )

    assert broken(facts(chairs=[chair])) == set()


def test_the_term_limit_applies_to_chairs_only():
    long_serving = seat("member", region_id=1, term_start=datetime.date(2008, 1, 1), term_end=None)
    regions = [long_serving, *regional_seats([2, 3, 4, 5])]

    assert broken(facts(regions=regions)) == set()


# --- Terms ending soon and holdovers --------------------------------------------------------


@pytest.mark.parametrize("days", [0, 1, 90], ids=["today", "tomorrow", "in 90 days"])
def test_a_term_ending_within_90_days_is_flagged(days):
    ending = seat("society", term_end=TODAY + datetime.timedelta(days=days))
    group = facts(others=[ending])

    assert broken(group) == {Rule.ENDING_SOON}
    assert finding(group, Rule.ENDING_SOON).membership_ids == (ending.membership_id,)


def test_a_term_ending_in_91_days_is_not_flagged():
    assert broken(facts(others=[seat("society", term_end=TODAY + 91 * DAY)])) == set()


def test_a_seat_past_its_planned_term_is_a_holdover_not_ending_soon():
    holdover = seat("society", term_end=TODAY - DAY)
    group = facts(others=[holdover])

    assert broken(group) == {Rule.HOLDOVER}
    assert finding(group, Rule.HOLDOVER).membership_ids == (holdover.membership_id,)


def test_a_seat_whose_term_ends_today_is_not_yet_a_holdover():
    assert Rule.HOLDOVER not in broken(facts(others=[seat("society", term_end=TODAY)]))


def test_an_open_ended_term_neither_ends_soon_nor_holds_over():
    assert broken(facts(others=[seat("observer", term_end=None)])) == set()


# --- Full-day meetings ----------------------------------------------------------------------


def test_one_of_two_full_day_meetings_is_flagged():
    group = facts(meetings=1)

    assert broken(group) == {Rule.FULL_DAY_MEETINGS}
    assert finding(group, Rule.FULL_DAY_MEETINGS).message == (
        "1 of 2 full-day meetings planned this year."
    )


def test_two_of_two_full_day_meetings_are_enough():
    assert broken(facts(meetings=2)) == set()


def test_a_group_with_a_lighter_cadence_is_held_to_it():
    rules = GroupRules(full_day_meetings_per_year=1)

    assert broken(facts(meetings=1, rules=rules)) == set()


# --- facts_for_groups: the loader -----------------------------------------------------------


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def full_day(group, starts_at, **fields):
    return factories.MeetingFactory(
        group=group, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=6), **fields
    )


def chair_seats(group, person, *periods):
    """Consecutive chair seats; every period but the last has ended."""
    seats = []
    for index, (start, end) in enumerate(periods):
        last = index == len(periods) - 1
        seats.append(
            factories.MembershipFactory(
                group=group,
                person=person,
                role=Membership.Role.CHAIR,
                representing_region=None,
                appointing_body=Membership.AppointingBody.RKKP,
                term_start=start,
                term_end=end,
                term_number=index + 1,
                status=Membership.Status.ACTIVE if last else Membership.Status.ENDED,
                ended_on=None if last else end,
            )
        )
    return seats


def d(year, month, day) -> datetime.date:
    return datetime.date(year, month, day)


@pytest.mark.django_db
def test_facts_for_groups_loads_active_seats_chair_service_and_this_years_meetings(
    hovedstaden, syddanmark, other_group
):
    group = factories.GroupFactory(
        requires_leadership_representative=False, min_patient_representatives=1
    )
    member = factories.MembershipFactory(group=group, representing_region=hovedstaden)
    factories.MembershipFactory(
        group=group,
        representing_region=syddanmark,
        status=Membership.Status.ENDED,
        ended_on=d(2024, 6, 30),
    )
    factories.MembershipFactory(group=group, status=Membership.Status.PROPOSED)
    factories.MembershipFactory(group=other_group)
    # Re-appointed three times without a break: service counts from the first seat.
    *_, reappointed = chair_seats(
        group,
        factories.PersonFactory(),
        (d(2012, 1, 1), d(2015, 12, 31)),
        (d(2016, 1, 1), d(2019, 12, 31)),
        (d(2020, 1, 1), d(2027, 12, 31)),
    )
    # More than a year between seats: service counts from the return.
    *_, returned = chair_seats(
        group,
        factories.PersonFactory(),
        (d(2010, 1, 1), d(2014, 12, 31)),
        (d(2018, 1, 1), d(2025, 12, 31)),
    )
    # Years as an ordinary member do not count as chair service.
    promoted_person = factories.PersonFactory()
    factories.MembershipFactory(
        group=group,
        person=promoted_person,
        term_start=d(2015, 1, 1),
        term_end=d(2018, 12, 31),
        status=Membership.Status.ENDED,
        ended_on=d(2018, 12, 31),
    )
    (promoted,) = chair_seats(group, promoted_person, (d(2019, 1, 1), d(2026, 12, 31)))

    full_day(group, at(2025, 3, 10))
    full_day(group, at(2025, 1, 1, 0, 30), status=Meeting.Status.HELD)  # 23:30 UTC in 2024
    full_day(group, at(2025, 9, 10), status=Meeting.Status.CANCELLED)
    full_day(group, at(2025, 9, 11), kind=Meeting.Kind.ORDINARY)
    full_day(group, at(2025, 9, 12), kind=Meeting.Kind.ONLINE)
    full_day(group, at(2026, 1, 1, 0, 30))  # 23:30 UTC in 2025
    full_day(group, at(2024, 11, 1))
    full_day(other_group, at(2025, 4, 1))

    facts_by_group = facts_for_groups([group], today=TODAY)

    assert list(facts_by_group) == [group.pk]
    loaded = facts_by_group[group.pk]
    by_id = {s.membership_id: s for s in loaded.seats}
    assert set(by_id) == {member.pk, reappointed.pk, returned.pk, promoted.pk}
    assert by_id[member.pk].chair_since is None
    assert by_id[member.pk].region_id == hovedstaden.pk
    assert by_id[member.pk].person_name == member.person.full_name
    assert by_id[reappointed.pk].chair_since == d(2012, 1, 1)
    assert by_id[returned.pk].chair_since == d(2018, 1, 1)
    assert by_id[promoted.pk].chair_since == d(2019, 1, 1)
    assert loaded.full_day_meetings_this_year == 2
    assert loaded.rules == GroupRules(
        requires_all_regions=True,
        requires_leadership_representative=False,
        min_patient_representatives=1,
        full_day_meetings_per_year=2,
    )
    assert len(loaded.region_ids) == 5
    assert loaded.region_ids[hovedstaden.pk] == "Capital Region of Denmark"


@pytest.mark.django_db
def test_facts_for_a_group_with_nothing_in_it(group):
    loaded = facts_for_groups([group], today=TODAY)[group.pk]

    assert loaded.seats == []
    assert loaded.full_day_meetings_this_year == 0
    assert broken(loaded) >= {Rule.REGIONS, Rule.CHAIR, Rule.FULL_DAY_MEETINGS}


def busy_group():
    group = factories.GroupFactory()
    for region in factories.all_regions():
        factories.MembershipFactory(group=group, representing_region=region)
    chair_seats(
        group,
        factories.PersonFactory(),
        (d(2020, 1, 1), d(2023, 12, 31)),
        (d(2024, 1, 1), d(2027, 12, 31)),
    )
    full_day(group, at(2025, 3, 10))
    full_day(group, at(2025, 9, 10))
    return group


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_loading_facts_costs_the_same_for_one_group_as_for_five(count, django_assert_num_queries):
    groups = [busy_group() for _ in range(count)]

    # 1 regions, 2 active seats with their people and the re-appointments decided ahead
    # (#22) joined, 3 chair seat history, 4 full-day meetings per group this year.
    with django_assert_num_queries(4):
        facts_by_group = facts_for_groups(groups, today=TODAY)
        findings = [check_group(f, TODAY) for f in facts_by_group.values()]

    assert len(facts_by_group) == count
    assert all(len(f.seats) == 6 for f in facts_by_group.values())
    assert all(f.full_day_meetings_this_year == 2 for f in facts_by_group.values())
    assert all({x.rule for x in found} == {Rule.LEADERSHIP, Rule.PATIENTS} for found in findings)
