"""Composition rules for steering groups, as pure functions over plain data.

``check_group`` knows nothing of the database: it takes a ``GroupFacts`` and returns the
findings. ``facts_for_groups`` loads the facts for many groups in a fixed number of
queries, so a dashboard over every group costs the same as one group page.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The 2022 framework for chairs took effect on this date.
FRAMEWORK_2022 = datetime.date(2022, 3, 29)
CHAIR_PERIOD_YEARS = 4
# Assumption, pending the secretariat's confirmation: at most two consecutive periods.
CHAIR_MAX_PERIODS = 2
GRANDFATHERED_AFTER_YEARS = 6
ENDING_SOON_DAYS = 90


class Rule:
    REGIONS = "regions"
    CHAIR = "chair"
    LEADERSHIP = "leadership"
    PATIENTS = "patients"
    CHAIR_TERM_LIMIT = "chair_term_limit"
    ENDING_SOON = "ending_soon"
    HOLDOVER = "holdover"
    FULL_DAY_MEETINGS = "full_day_meetings"


RULE_LABELS = {
    Rule.REGIONS: _("Every region represented"),
    Rule.CHAIR: _("At least one chair"),
    Rule.LEADERSHIP: _("A leadership representative"),
    Rule.PATIENTS: _("Enough patient/relative representatives"),
    Rule.CHAIR_TERM_LIMIT: _("Chairs within the term limit"),
    Rule.ENDING_SOON: _("Terms ending within 90 days"),
    Rule.HOLDOVER: _("Members past their planned term (holdovers)"),
    Rule.FULL_DAY_MEETINGS: _("Full-day meetings planned this year"),
}


@dataclass(frozen=True)
class Seat:
    membership_id: int
    person_id: int
    person_name: str
    role: str
    region_id: int | None
    term_start: datetime.date
    term_end: datetime.date | None
    # For chairs: when their unbroken service as chair of this group began.
    chair_since: datetime.date | None = None


@dataclass(frozen=True)
class GroupRules:
    requires_all_regions: bool = True
    requires_leadership_representative: bool = True
    min_patient_representatives: int = 2
    full_day_meetings_per_year: int = 2


@dataclass
class GroupFacts:
    seats: list[Seat]
    region_ids: dict[int, str]  # every region: id -> name
    rules: GroupRules = field(default_factory=GroupRules)
    full_day_meetings_this_year: int = 0


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    membership_ids: tuple[int, ...] = ()
    # For the regions rule: the regions not represented.
    region_ids: tuple[int, ...] = ()

    @property
    def label(self):
        return RULE_LABELS[self.rule]


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def chair_grandfathered(chair_since: datetime.date) -> bool:
    """Whether the chair had served more than six years when the 2022 framework took effect."""
    cutoff = _add_years(FRAMEWORK_2022, -GRANDFATHERED_AFTER_YEARS)
    return chair_since <= cutoff - datetime.timedelta(days=1)


def chair_service_limit(chair_since: datetime.date) -> datetime.date:
    """The last day a chair who began on ``chair_since`` may serve.

    A chair who had served more than six years when the 2022 framework took effect may
    serve one further four-year period from then; others at most two periods.
    """
    if chair_grandfathered(chair_since):
        return _add_years(FRAMEWORK_2022, CHAIR_PERIOD_YEARS)
    return _add_years(chair_since, CHAIR_PERIOD_YEARS * CHAIR_MAX_PERIODS)


def check_group(facts: GroupFacts, today: datetime.date) -> list[Finding]:
    findings: list[Finding] = []
    seats = facts.seats
    rules = facts.rules

    if rules.requires_all_regions:
        represented = {s.region_id for s in seats if s.region_id is not None}
        missing = [pk for pk in facts.region_ids if pk not in represented]
        if missing:
            names = ", ".join(facts.region_ids[pk] for pk in missing)
            findings.append(
                Finding(
                    Rule.REGIONS, gettext("Not represented: %s") % names, region_ids=tuple(missing)
                )
            )

    chairs = [s for s in seats if s.role == "chair"]
    if not chairs:
        findings.append(Finding(Rule.CHAIR, gettext("The group has no chair.")))

    if rules.requires_leadership_representative and not any(s.role == "leadership" for s in seats):
        findings.append(
            Finding(Rule.LEADERSHIP, gettext("The group has no leadership representative."))
        )

    patients = sum(1 for s in seats if s.role == "patient")
    if patients < rules.min_patient_representatives:
        findings.append(
            Finding(
                Rule.PATIENTS,
                gettext("%(count)d of at least %(required)d patient/relative representatives.")
                % {"count": patients, "required": rules.min_patient_representatives},
            )
        )

    over_limit = [
        s
        for s in chairs
        if s.chair_since is not None
        and (
            today > chair_service_limit(s.chair_since)
            or (s.term_end is not None and s.term_end > chair_service_limit(s.chair_since))
        )
    ]
    if over_limit:
        findings.append(
            Finding(
                Rule.CHAIR_TERM_LIMIT,
                gettext("Past or planned past the term limit: %s")
                % ", ".join(s.person_name for s in over_limit),
                tuple(s.membership_id for s in over_limit),
            )
        )

    soon = [
        s
        for s in seats
        if s.term_end is not None
        and today <= s.term_end <= today + datetime.timedelta(days=ENDING_SOON_DAYS)
    ]
    if soon:
        findings.append(
            Finding(
                Rule.ENDING_SOON,
                gettext("%d term(s) end within 90 days.") % len(soon),
                tuple(s.membership_id for s in soon),
            )
        )

    holdovers = [s for s in seats if s.term_end is not None and s.term_end < today]
    if holdovers:
        findings.append(
            Finding(
                Rule.HOLDOVER,
                gettext("%d member(s) past their planned term.") % len(holdovers),
                tuple(s.membership_id for s in holdovers),
            )
        )

    if facts.full_day_meetings_this_year < rules.full_day_meetings_per_year:
        findings.append(
            Finding(
                Rule.FULL_DAY_MEETINGS,
                gettext("%(count)d of %(required)d full-day meetings planned this year.")
                % {
                    "count": facts.full_day_meetings_this_year,
                    "required": rules.full_day_meetings_per_year,
                },
            )
        )
    return findings


def since_minus_a_year(since: datetime.date | None) -> datetime.date:
    return (since or datetime.date.max) - datetime.timedelta(days=365)


def earlier_chair_start(
    since: datetime.date | None, term_start: datetime.date, ended_on: datetime.date | None
) -> datetime.date | None:
    """One step back through a chair's seats in a group, newest first: the start of their
    unbroken service once the seat (``term_start``, ``ended_on``) is taken into account.

    Service is unbroken when a seat ended no more than a year before the next one began.
    """
    touches_next = ended_on is not None and ended_on >= since_minus_a_year(since)
    return term_start if since is None or touches_next else since


def facts_for_groups(
    groups, today: datetime.date | None = None, regions=None
) -> dict[int, GroupFacts]:
    """Load the facts for the given groups in four queries, whatever their number (three
    when the caller has read every region already)."""
    from regions.models import Region
    from steering.models import Meeting, Membership
    from steering.models.people import full_name

    today = today or timezone.localdate()
    groups = list(groups)
    group_ids = [g.pk for g in groups]
    region_ids = {r.pk: r.name for r in (Region.objects.all() if regions is None else regions)}

    # Plain rows, not model instances: a dashboard over every group reads every active
    # seat, and building ten thousand Membership and Person objects cost most of its time.
    seats_by_group: dict[int, list[tuple]] = defaultdict(list)
    active = (
        Membership.objects.active()
        .filter(group_id__in=group_ids)
        .order_by("term_start")
        .values_list(
            "pk",
            "group_id",
            "person_id",
            "person__first_name",
            "person__last_name",
            "role",
            "representing_region_id",
            "term_start",
            "term_end",
        )
    )
    for row in active:
        seats_by_group[row[1]].append(row)

    # A chair's unbroken service: the earliest start among their chair seats in the group
    # whose end (if ended) touches the next one. Approximated by the earliest chair seat
    # that ended no more than a year before the current one began.
    chair_starts: dict[tuple[int, int], datetime.date] = {}
    history = (
        Membership.objects.chairs()
        .filter(group_id__in=group_ids)
        .values("group_id", "person_id", "term_start", "ended_on")
        .order_by("group_id", "person_id", "-term_start")
    )
    for row in history:
        key = (row["group_id"], row["person_id"])
        chair_starts[key] = earlier_chair_start(
            chair_starts.get(key), row["term_start"], row["ended_on"]
        )

    meetings = dict(
        Meeting.objects.planned()
        .full_day()
        .filter(group_id__in=group_ids, starts_at__year=today.year)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )

    facts = {}
    for group in groups:
        seats = [
            Seat(
                membership_id=pk,
                person_id=person_id,
                person_name=full_name(first_name, last_name),
                role=role,
                region_id=region_id,
                term_start=term_start,
                term_end=term_end,
                chair_since=chair_starts.get((group.pk, person_id)) if role == "chair" else None,
            )
            for (
                pk,
                _group_id,
                person_id,
                first_name,
                last_name,
                role,
                region_id,
                term_start,
                term_end,
            ) in seats_by_group[group.pk]
        ]
        facts[group.pk] = GroupFacts(
            seats=seats,
            region_ids=region_ids,
            rules=GroupRules(
                requires_all_regions=group.requires_all_regions,
                requires_leadership_representative=group.requires_leadership_representative,
                min_patient_representatives=group.min_patient_representatives,
                full_day_meetings_per_year=group.full_day_meetings_per_year,
            ),
            full_day_meetings_this_year=meetings.get(group.pk, 0),
        )
    return facts


def findings_for_groups(
    groups, today: datetime.date | None = None, regions=None
) -> dict[int, list[Finding]]:
    today = today or timezone.localdate()
    facts = facts_for_groups(groups, today, regions)
    return {pk: check_group(group_facts, today) for pk, group_facts in facts.items()}


def summary(findings_by_group: dict[int, list[Finding]]) -> dict[str, int]:
    """How many groups fail each rule."""
    counts = dict.fromkeys(RULE_LABELS, 0)
    for findings in findings_by_group.values():
        for rule in {f.rule for f in findings}:
            counts[rule] += 1
    return counts
