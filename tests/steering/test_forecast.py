"""The forecast's semantics, to the day (steering/compliance/forecast.py): a seat is in
office from its start to its planned end, both included; after its planned end it is gone;
a month breaks a rule when any day of it does. Pure functions over plain facts: no database."""

import datetime

import pytest
from django.utils import translation

from steering.compliance import forecast
from steering.compliance.facts import GroupFacts, GroupRules, Seat
from steering.compliance.registry import Rule
from steering.models.memberships import Role

D = datetime.date
TODAY = D(2026, 12, 5)
SPAN = forecast.months(TODAY)
REGIONS = {1: "Hovedstaden", 2: "Sjælland"}
RELAXED = GroupRules(
    requires_all_regions=False,
    requires_leadership_representative=False,
    min_patient_representatives=0,
    full_day_meetings_per_year=0,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def seat(role, start, end, pk=1, region=None, chair_since=None) -> Seat:
    return Seat(pk, pk, f"Person {pk}", role, region, start, end, chair_since)


def chair(start, end, pk=1, since=None) -> Seat:
    return seat(Role.CHAIR, start, end, pk, chair_since=since or start)


def run(*seats, rules=RELAXED, only=forecast.FORECAST_RULES):
    facts = GroupFacts(seats=list(seats), region_ids=REGIONS, rules=rules)
    return forecast.forecast_group(1, facts, TODAY, SPAN, only)


def month_of(day: datetime.date) -> int:
    return next(i for i, m in enumerate(SPAN) if m.first <= day <= m.last)


def broken(result, rule) -> list[datetime.date]:
    return [m.first for m, rules in zip(SPAN, result.by_month, strict=True) if rule in rules]


def test_the_horizon_is_this_month_from_today_and_the_23_after_it():
    assert len(SPAN) == 24
    assert (SPAN[0].first, SPAN[0].last) == (TODAY, D(2026, 12, 31))
    assert (SPAN[1].first, SPAN[1].last) == (D(2027, 1, 1), D(2027, 1, 31))
    assert SPAN[-1].last == D(2028, 11, 30)
    assert [m.last for m in SPAN if m.first.month == 2] == [D(2027, 2, 28), D(2028, 2, 29)]


def test_a_term_ending_on_the_last_day_of_a_month_breaks_from_the_first_of_the_next():
    result = run(chair(D(2024, 2, 1), D(2027, 1, 31)))
    [breach] = result.breaches
    assert (breach.rule, breach.starts, breach.ends) == (Rule.CHAIR, D(2027, 2, 1), None)
    assert broken(result, Rule.CHAIR)[0] == D(2027, 2, 1)  # January is whole
    assert result.is_new(TODAY)


def test_a_term_ending_on_29_february_breaks_from_1_march():
    result = run(chair(D(2024, 3, 1), D(2028, 2, 29)))
    [breach] = result.breaches
    assert breach.starts == D(2028, 3, 1)
    assert Rule.CHAIR not in result.by_month[month_of(D(2028, 2, 29))]
    assert Rule.CHAIR in result.by_month[month_of(D(2028, 3, 1))]


def test_a_successor_from_29_february_after_a_term_ending_on_28_february_leaves_no_gap():
    result = run(chair(D(2024, 3, 1), D(2028, 2, 28)), chair(D(2028, 2, 29), None, pk=2))
    assert result.breaches == []


@pytest.mark.parametrize("gap_days", [0, 1])
def test_a_successor_starting_the_day_the_term_ends_or_the_day_after_leaves_no_gap(gap_days):
    end = D(2027, 6, 30)
    result = run(chair(D(2024, 1, 1), end), chair(end + datetime.timedelta(gap_days), None, 2))
    assert result.breaches == []
    assert all(rules == () for rules in result.by_month)


def test_a_successor_starting_two_days_after_the_term_ends_leaves_a_one_day_gap():
    end = D(2027, 6, 30)
    result = run(chair(D(2024, 1, 1), end), chair(D(2027, 7, 2), None, pk=2))
    [breach] = result.breaches
    assert (breach.rule, breach.starts, breach.ends) == (Rule.CHAIR, D(2027, 7, 1), D(2027, 7, 1))
    # A gap of one day still marks its month, and only that month.
    assert broken(result, Rule.CHAIR) == [D(2027, 7, 1)]


def test_a_chair_breaks_the_period_limit_the_day_after_reaching_it():
    # Began 15 March 2020: two four-year periods end on 15 March 2028.
    result = run(chair(D(2024, 3, 15), None, since=D(2020, 3, 15)))
    [breach] = result.breaches
    assert (breach.rule, breach.starts, breach.ends) == (
        Rule.CHAIR_TERM_LIMIT,
        D(2028, 3, 16),
        None,
    )
    assert broken(result, Rule.CHAIR_TERM_LIMIT)[0] == D(2028, 3, 1)
    assert "Person 1" in breach.detail


def test_a_chair_whose_term_ends_at_the_limit_leaves_the_group_without_a_chair_instead():
    result = run(chair(D(2024, 3, 15), D(2028, 3, 15), since=D(2020, 3, 15)))
    assert [(b.rule, b.starts) for b in result.breaches] == [(Rule.CHAIR, D(2028, 3, 16))]


def test_a_leadership_representative_whose_term_ends_leaves_a_gap():
    rules = GroupRules(False, True, 0, 0)
    result = run(
        seat(Role.LEADERSHIP, D(2023, 7, 1), D(2027, 6, 30)), rules=rules, only=(Rule.LEADERSHIP,)
    )
    assert [(b.rule, b.starts) for b in result.breaches] == [(Rule.LEADERSHIP, D(2027, 7, 1))]


def test_a_leadership_representative_appointed_ahead_closes_the_gap_from_their_start():
    rules = GroupRules(False, True, 0, 0)
    result = run(
        seat(Role.LEADERSHIP, D(2023, 7, 1), D(2027, 6, 30)),
        seat(Role.LEADERSHIP, D(2027, 9, 1), None, pk=2),
        rules=rules,
        only=(Rule.LEADERSHIP,),
    )
    [breach] = result.breaches
    assert (breach.starts, breach.ends) == (D(2027, 7, 1), D(2027, 8, 31))
    assert broken(result, Rule.LEADERSHIP) == [D(2027, 7, 1), D(2027, 8, 1)]


def test_patient_representatives_leaving_below_the_minimum():
    rules = GroupRules(False, False, 2, 0)
    result = run(
        seat(Role.PATIENT, D(2024, 1, 1), D(2027, 3, 31), pk=1),
        seat(Role.PATIENT, D(2024, 1, 1), D(2028, 5, 31), pk=2),
        rules=rules,
        only=(Rule.PATIENTS,),
    )
    [breach] = result.breaches
    assert (breach.rule, breach.starts, breach.ends) == (Rule.PATIENTS, D(2027, 4, 1), None)
    assert breach.detail.startswith("1 of at least 2")


def test_each_region_missing_is_a_break_of_its_own():
    rules = GroupRules(True, False, 0, 0)
    result = run(
        seat(Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), pk=1, region=1),
        seat(Role.MEMBER, D(2024, 1, 1), D(2026, 12, 31), pk=2, region=2),
        rules=rules,
        only=(Rule.REGIONS,),
    )
    got = [(b.detail, b.starts) for b in result.breaches]
    assert got == [("Sjælland", D(2027, 1, 1)), ("Hovedstaden", D(2028, 1, 1))]


def test_a_holdover_is_gone_from_today_and_a_break_of_today_is_not_new():
    result = run(chair(D(2022, 1, 1), D(2026, 11, 30)))
    [breach] = result.breaches
    assert breach.starts == TODAY and breach.ends is None
    assert not result.is_new(TODAY)


def test_rules_without_a_future_are_left_out():
    assert set(forecast.FORECAST_RULES).isdisjoint(forecast.EXCLUDED_RULES)
    # Ends soon, no full-day meeting planned: the forecast says nothing of either.
    rules = GroupRules(False, False, 0, 2)
    assert (
        run(
            chair(D(2024, 1, 1), D(2026, 12, 20)), chair(D(2026, 12, 21), None, 2), rules=rules
        ).breaches
        == []
    )


def test_the_viewers_rules_are_the_only_ones_checked():
    result = run(seat(Role.PATIENT, D(2024, 1, 1), None), only=(Rule.LEADERSHIP,))
    assert result.breaches == []  # no chair, but the chair is not the viewer's to appoint


def test_the_chart_has_a_column_a_month_and_names_each_new_year_once():
    from steering.compliance.forecast_chart import forecast_chart

    groups = [run(chair(D(2024, 1, 1), None)), run(chair(D(2024, 1, 1), D(2027, 1, 31), pk=2))]
    # The months are named when they are counted, in the language then active (the kept
    # forecast is kept per language); SPAN was counted when this module was imported.
    result = forecast.Forecast.of(TODAY, forecast.months(TODAY), (Rule.CHAIR,), 2, groups)
    chart = forecast_chart(result)
    [band] = chart.bands
    assert [c.value for c in band.columns] == [0, 0] + [1] * 22
    # December 2026 is first: its year would collide with January's, so January names it.
    assert [(m.name, m.year) for m in chart.months if m.year] == [
        ("jan", "2027"),
        ("jan", "2028"),
    ]
    assert band.summary == "0 now; at most 1, in February 2027."
    assert chart.summary == "At least one chair: 0 now; at most 1, in February 2027."
    # Coordinates are written with a point, whatever the language.
    with translation.override("da"):
        assert "," not in forecast_chart(result).bands[0].columns[5].top


def test_the_months_are_named_once_in_the_language_active_when_counted():
    with translation.override("da"):
        span = forecast.months(D(2026, 12, 5))
    assert [(month.label, month.abbreviation) for month in span[:2]] == [
        ("december 2026", "dec"),
        ("januar 2027", "jan"),
    ]
    # Kept with the forecast (under the language's key): no formatting when it is shown.
    with translation.override("en"):
        assert span[1].label == "januar 2027"
