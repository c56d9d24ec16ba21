"""The forecast: which composition rules each group will break in the next 24 months if
nothing is done, by the same checks as today's findings (``registry.RULES``).

Semantics, to the day:

- A seat is in office from its ``term_start`` to its planned ``term_end``, both days
  included (a re-appointment starts the day after the old term ends). As of a day, a seat
  whose planned end has passed is gone: "if nothing is done" means no one carries over, so
  a holdover leaves its gap from today. A seat appointed from a later date counts from its
  start. A successor starting on the day the term ends, or the day after, leaves no gap; one
  starting two days later leaves a one-day gap, and that day breaks the rule.
- The checks are step functions of the day: they change only where a seat starts, the day
  after a seat's planned end, and the day after a chair reaches the framework's period
  limit. So each group is checked today and on each of those days within the horizon, not
  on every day, and a break is known to the day (``Breach``).
- A month breaks a rule when the rule is broken on any day of it (the current month counts
  from today), so a gap shorter than a month still shows in its month.

Rules left out on purpose (``EXCLUDED_RULES``): "terms ending within N days" is itself a
look-ahead, and in a forecast every term ends; "holdovers" cannot occur, since a seat is
gone after its planned end; "full-day meetings this year" depends on meetings nobody has
planned yet.

Who sees what (``scope_for``): the secretariat every rule over every seat; a regional
administrator the seats representing their region and only "every region represented",
for their region; the circle the leadership seats and only "a leadership representative".
"""

import bisect
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from steering import rules as predicates
from steering.compliance import register
from steering.compliance.facts import RULE_FIELDS, GroupFacts, facts_for_groups
from steering.compliance.registry import RULES, Rule, chair_service_limit
from steering.models import Membership, SteeringGroup
from steering.models.memberships import Role

HORIZON_MONTHS = 24
FORECAST_RULES = (Rule.REGIONS, Rule.CHAIR, Rule.LEADERSHIP, Rule.PATIENTS, Rule.CHAIR_TERM_LIMIT)
EXCLUDED_RULES = (Rule.ENDING_SOON, Rule.HOLDOVER, Rule.FULL_DAY_MEETINGS)
ONE_DAY = datetime.timedelta(days=1)
# A letter for each rule in the timeline's cells, explained by the legend above it.
RULE_MARKS = {
    Rule.REGIONS: _("R"),
    Rule.CHAIR: _("C"),
    Rule.LEADERSHIP: _("L"),
    Rule.PATIENTS: _("P"),
    Rule.CHAIR_TERM_LIMIT: _("T"),
}


@dataclass(frozen=True)
class Month:
    first: datetime.date  # today, for the current month
    last: datetime.date
    # In the language active when the months were counted (the kept forecast's key has
    # it): formatted once here, not for each of the grid's and the table's cells.
    label: str  # "december 2026"
    abbreviation: str  # "dec"


def months(today: datetime.date, count: int = HORIZON_MONTHS) -> list[Month]:
    """The current month from ``today`` and the ``count - 1`` months after it."""
    result = []
    first = today
    for _step in range(count):
        following = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        label = formats.date_format(first, "YEAR_MONTH_FORMAT")
        result.append(Month(first, following - ONE_DAY, label, formats.date_format(first, "b")))
        first = following
    return result


@dataclass(frozen=True)
class Breach:
    """A rule broken from ``starts`` to ``ends`` (both included; None: still broken when
    the horizon ends). For "every region represented", one breach per missing region."""

    rule: str
    starts: datetime.date
    ends: datetime.date | None
    detail: str  # the finding's message on the first day, or the missing region's name

    @property
    def label(self):
        return RULES[self.rule].label


@dataclass(frozen=True)
class GroupForecast:
    group_id: int
    breaches: list[Breach]
    # For each month of the horizon, the rules broken on some day of it (registry order).
    by_month: list[tuple[str, ...]]

    @property
    def marks(self) -> list[str]:
        """For each month, the letters of the rules broken (the timeline's cells)."""
        return ["".join(str(RULE_MARKS[code]) for code in codes) for codes in self.by_month]

    def is_new(self, today: datetime.date) -> bool:
        """Whether a break begins after today: a rule the group meets now, or a region
        present now, that it will lose."""
        return any(breach.starts > today for breach in self.breaches)


@dataclass(frozen=True)
class Scope:
    """Which rules the viewer forecasts, over which seats (the appointing body's)."""

    key: str  # where the forecast is kept
    rules: tuple[str, ...]
    seats: QuerySet
    region_id: int | None = None


def scope_for(user) -> Scope:
    """The viewer's forecast: every rule for the secretariat; for a regional administrator
    the seats representing their region; for the circle the leadership seats."""
    if not user.has_perm("steering.read_forecast"):
        raise PermissionDenied
    if predicates.is_secretariat(user):
        return Scope("all", FORECAST_RULES, Membership.objects.all())
    rules: list[str] = []
    seats = Q(pk__in=[])
    region_id = None
    if predicates.is_regional_admin(user):
        region_id = user.roles.admin_region_id
        rules.append(Rule.REGIONS)
        seats |= Q(representing_region_id=region_id)
    if predicates.is_circle_member(user):
        rules.append(Rule.LEADERSHIP)
        seats |= Q(role=Role.LEADERSHIP)
    key = "+".join(rules) + (f"-{region_id}" if region_id else "")
    return Scope(key, tuple(rules), Membership.objects.filter(seats), region_id)


def as_of(facts: GroupFacts, day: datetime.date) -> GroupFacts:
    """The facts on ``day`` if nothing is done: seats past their planned end are gone."""
    seats = [s for s in facts.seats if s.term_end is None or s.term_end >= day]
    return replace(facts, seats=seats, full_day_meetings_this_year=0)


def change_days(facts: GroupFacts) -> set[datetime.date]:
    """The days on which a check's answer may change."""
    days = set()
    for seat in facts.seats:
        days.add(seat.term_start)
        if seat.term_end is not None:
            days.add(seat.term_end + ONE_DAY)
        if seat.chair_since is not None:
            days.add(chair_service_limit(seat.chair_since) + ONE_DAY)
    return days


def breaches(
    facts: GroupFacts, today: datetime.date, horizon: datetime.date, rules: Iterable[str]
) -> list[Breach]:
    """Every break of ``rules`` from today to ``horizon``, in the order they begin."""
    checks = [RULES[code].check for code in rules]
    days = sorted({today} | {d for d in change_days(facts) if today < d <= horizon})
    open_: dict[tuple, tuple[datetime.date, str]] = {}
    found: list[Breach] = []
    for day in days:
        state = as_of(facts, day)
        broken: dict[tuple, str] = {}
        for check in checks:
            finding = check(state, day)
            if finding is None:
                continue
            if finding.rule == Rule.REGIONS:
                for region_id in finding.region_ids:
                    broken[(finding.rule, region_id)] = facts.region_ids[region_id]
            else:
                broken[(finding.rule,)] = finding.message
        for key in [key for key in open_ if key not in broken]:
            starts, detail = open_.pop(key)
            found.append(Breach(key[0], starts, day - ONE_DAY, detail))
        for key, detail in broken.items():
            open_.setdefault(key, (day, detail))
    found.extend(Breach(key[0], starts, None, detail) for key, (starts, detail) in open_.items())
    order = list(RULES)
    return sorted(found, key=lambda b: (b.starts, order.index(b.rule), b.detail))


def forecast_group(
    group_id: int, facts: GroupFacts, today: datetime.date, span: list[Month], rules: Iterable[str]
) -> GroupForecast:
    found = breaches(facts, today, span[-1].last, rules)
    lasts = [month.last for month in span]
    broken: list[set[str]] = [set() for _month in span]
    for breach in found:
        # From the month of its first day to the month of its last (or the horizon's end).
        stop = len(span) if breach.ends is None else bisect.bisect_left(lasts, breach.ends) + 1
        for index in range(bisect.bisect_left(lasts, breach.starts), stop):
            broken[index].add(breach.rule)
    by_month = [tuple(code for code in RULES if code in rules_) for rules_ in broken]
    return GroupForecast(group_id, found, by_month)


class TimelineRow(NamedTuple):
    """A group's line in the timeline: its letters for each month, and whether a break
    begins after today. A named tuple: the kept forecast holds one for each group with a
    break (850 at scale 10), read back from the cache in 0.9 ms as tuples, 1.4 ms as
    dataclass instances."""

    group_id: int
    marks: tuple[str, ...]
    new: bool


@dataclass
class Forecast:
    """Every group's forecast, as the timeline reads it: a row for each group with a break
    and the number of groups breaking each rule in each month. It is kept in the cache and
    read whole on every request for the timeline, so it holds strings and numbers, not the
    breaches (a group's own page computes its breaches, ``forecast_of_group``)."""

    today: datetime.date
    months: list[Month]
    rules: tuple[str, ...]
    group_count: int  # the groups forecast, breaking a rule or not
    rows: list[TimelineRow]  # those with a break, in their databases' name order
    count_by_month: dict[str, list[int]]  # for each rule, the groups breaking it each month

    @classmethod
    def of(
        cls,
        today: datetime.date,
        span: list[Month],
        rules: tuple[str, ...],
        group_count: int,
        forecasts: Iterable[GroupForecast],
    ) -> "Forecast":
        counts = {code: [0] * len(span) for code in rules}
        rows = []
        # One string object for each distinct cell, so the kept copy stores each once.
        cells: dict[str, str] = {}
        for group_forecast in forecasts:
            if not group_forecast.breaches:
                continue
            for index, codes in enumerate(group_forecast.by_month):
                for code in codes:
                    counts[code][index] += 1
            marks = tuple(cells.setdefault(mark, mark) for mark in group_forecast.marks)
            rows.append(TimelineRow(group_forecast.group_id, marks, group_forecast.is_new(today)))
        return cls(today, span, rules, group_count, rows, counts)

    def years(self) -> list[tuple[int, int]]:
        """(year, number of its months in the horizon): the timeline's upper header."""
        years: dict[int, int] = {}
        for month in self.months:
            years[month.first.year] = years.get(month.first.year, 0) + 1
        return list(years.items())

    def legend(self) -> list[tuple[str, str]]:
        return [(RULE_MARKS[code], RULES[code].label) for code in self.rules]

    def new(self) -> list[TimelineRow]:
        return [row for row in self.rows if row.new]


# The kept forecast's classes, part of its key (``register.shape_of``).
SHAPE = register.shape_of(Forecast, TimelineRow, Month)


def forecast_for(user, today: datetime.date | None = None) -> Forecast:
    """The viewer's forecast for every group, in their databases' name order. It is kept
    beside the compliance register, under its version (so forgotten with it,
    ``register.forget``), the day, the language and the viewer's scope: computing it
    checks each group on every day a seat starts or ends, which costs about what computing
    the register does."""
    scope = scope_for(user)
    today = today or timezone.localdate()
    if connection.in_atomic_block or not settings.COMPLIANCE_REGISTER_KEPT:
        return compute(scope, today)
    kept_at = f"{register.key(today)}:timeline:{SHAPE}:{scope.key}"
    kept = cache.get(kept_at)
    if kept is None:
        kept = compute(scope, today)
        cache.set(kept_at, kept, register.TIMEOUT)
    return kept


def forecast_of_group(
    user, group: SteeringGroup, today: datetime.date | None = None
) -> tuple[tuple[str, ...], GroupForecast]:
    """The rules the viewer forecasts, and ``group``'s breaks of them, to the day."""
    scope = scope_for(user)
    today = today or timezone.localdate()
    facts = _facts(scope, [group], today)
    return scope.rules, forecast_group(group.pk, facts[group.pk], today, months(today), scope.rules)


def compute(scope: Scope, today: datetime.date) -> Forecast:
    """Every group's forecast from the database, in five queries whatever the number of
    groups."""
    groups = list(SteeringGroup.objects.only(*RULE_FIELDS).order_by("database__name", "pk"))
    facts = _facts(scope, groups, today)
    span = months(today)
    forecasts = (
        forecast_group(group.pk, facts[group.pk], today, span, scope.rules) for group in groups
    )
    return Forecast.of(today, span, scope.rules, len(groups), forecasts)


def _facts(scope: Scope, groups: list, today: datetime.date) -> dict[int, GroupFacts]:
    regions = Region.objects.all()
    if scope.region_id is not None:
        # Only the viewer's region is asked for: the others are not theirs to appoint.
        regions = regions.filter(pk=scope.region_id)
    return facts_for_groups(groups, today, list(regions), seats=scope.seats)
