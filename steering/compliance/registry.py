"""The registry of composition rules: each rule's code, label, parameters and check, in
one place.

Every page, count, filter and export that names a rule or its parameters reads them from
here: the "ending soon" window is ``ending_soon_days()`` (the setting
``TERM_ENDING_SOON_DAYS``) in the check, its texts, the seat figures, the dashboards and
/me/ alike. Roles are compared with the model's ``Role`` values. A group's own parameters
(whether every region must be represented, how many patient representatives and full-day
meetings it needs) are fields of its ``SteeringGroup`` (``facts.GroupRules``).

Each check is a pure function of a group's facts and the day, returning a ``Finding`` or
None. Seats count from their start (``GroupFacts.in_office``); seats appointed from a
later date count only toward the forecast: the finding says from when the gap is covered.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from steering.compliance.facts import Finding, GroupFacts, Seat
from steering.models.memberships import Role


class Rule:
    """The rules' codes (in addresses: ``/compliance/?rule=regions``)."""

    REGIONS = "regions"
    CHAIR = "chair"
    LEADERSHIP = "leadership"
    PATIENTS = "patients"
    CHAIR_TERM_LIMIT = "chair_term_limit"
    ENDING_SOON = "ending_soon"
    HOLDOVER = "holdover"
    FULL_DAY_MEETINGS = "full_day_meetings"


@dataclass(frozen=True)
class CompositionRule:
    code: str
    label: str  # lazy: translated, parameters filled in, when shown
    check: Callable[[GroupFacts, datetime.date], Finding | None]


# --- Parameters -----------------------------------------------------------------------------

# The chair term limit: the 2022 framework took effect on this date; chairs serve
# four-year periods. Assumption, pending the secretariat's confirmation: at most two
# consecutive periods; a chair who had served over six years when the framework took
# effect may serve one last period from then.
FRAMEWORK_2022 = datetime.date(2022, 3, 29)
CHAIR_PERIOD_YEARS = 4
CHAIR_MAX_PERIODS = 2
GRANDFATHERED_AFTER_YEARS = 6


def ending_soon_days() -> int:
    """Days before a planned term end at which a seat counts as ending soon."""
    return settings.TERM_ENDING_SOON_DAYS


def ending_soon_by(today: datetime.date) -> datetime.date:
    """The last planned term end that counts as ending soon on ``today``."""
    return today + datetime.timedelta(days=ending_soon_days())


def ends_soon(term_end: datetime.date | None, today: datetime.date) -> bool:
    return term_end is not None and today <= term_end <= ending_soon_by(today)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def chair_grandfathered(chair_since: datetime.date) -> bool:
    """Whether the chair had served more than six years when the 2022 framework took effect."""
    return chair_since < _add_years(FRAMEWORK_2022, -GRANDFATHERED_AFTER_YEARS)


def chair_service_limit(chair_since: datetime.date) -> datetime.date:
    """The last day a chair who began on ``chair_since`` may serve.

    A chair who had served more than six years when the 2022 framework took effect may
    serve one further four-year period from then; others at most two periods.
    """
    if chair_grandfathered(chair_since):
        return _add_years(FRAMEWORK_2022, CHAIR_PERIOD_YEARS)
    return _add_years(chair_since, CHAIR_PERIOD_YEARS * CHAIR_MAX_PERIODS)


# --- Texts ----------------------------------------------------------------------------------


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _with_forecast(message: str, covered_from: datetime.date | None) -> str:
    if covered_from is None:
        return message
    return gettext("%(finding)s Covered from %(date)s.") % {
        "finding": message,
        "date": _day(covered_from),
    }


def _first_start(seats: list[Seat], role: str) -> datetime.date | None:
    return next((s.term_start for s in seats if s.role == role), None)


# --- Checks ---------------------------------------------------------------------------------


def every_region_represented(facts: GroupFacts, today: datetime.date) -> Finding | None:
    if not facts.rules.requires_all_regions:
        return None
    represented = {s.region_id for s in facts.in_office(today) if s.region_id is not None}
    missing = [pk for pk in facts.region_ids if pk not in represented]
    if not missing:
        return None
    arriving: dict[int, datetime.date] = {}
    for s in facts.ahead(today):
        if s.region_id in missing:
            arriving.setdefault(s.region_id, s.term_start)
    names = ", ".join(
        gettext("%(region)s (appointed from %(date)s)")
        % {"region": facts.region_ids[pk], "date": _day(arriving[pk])}
        if pk in arriving
        else facts.region_ids[pk]
        for pk in missing
    )
    covered_from = max(arriving.values()) if len(arriving) == len(missing) else None
    message = gettext("Not represented: %s") % names
    if covered_from is not None:
        message = gettext("Not represented: %(regions)s. Covered from %(date)s.") % {
            "regions": names,
            "date": _day(covered_from),
        }
    return Finding(
        Rule.REGIONS,
        message,
        region_ids=tuple(missing),
        arrivals=tuple(arriving.items()),
        covered_from=covered_from,
    )


def has_a_chair(facts: GroupFacts, today: datetime.date) -> Finding | None:
    if any(s.role == Role.CHAIR for s in facts.in_office(today)):
        return None
    covered_from = _first_start(facts.ahead(today), Role.CHAIR)
    message = _with_forecast(gettext("The group has no chair."), covered_from)
    return Finding(Rule.CHAIR, message, covered_from=covered_from)


def has_a_leadership_representative(facts: GroupFacts, today: datetime.date) -> Finding | None:
    if not facts.rules.requires_leadership_representative:
        return None
    if any(s.role == Role.LEADERSHIP for s in facts.in_office(today)):
        return None
    covered_from = _first_start(facts.ahead(today), Role.LEADERSHIP)
    message = _with_forecast(gettext("The group has no leadership representative."), covered_from)
    return Finding(Rule.LEADERSHIP, message, covered_from=covered_from)


def enough_patient_representatives(facts: GroupFacts, today: datetime.date) -> Finding | None:
    required = facts.rules.min_patient_representatives
    count = sum(1 for s in facts.in_office(today) if s.role == Role.PATIENT)
    if count >= required:
        return None
    arriving = [s.term_start for s in facts.ahead(today) if s.role == Role.PATIENT]
    still_needed = required - count
    covered_from = arriving[still_needed - 1] if len(arriving) >= still_needed else None
    message = gettext("%(count)d of at least %(required)d patient/relative representatives.") % {
        "count": count,
        "required": required,
    }
    return Finding(Rule.PATIENTS, _with_forecast(message, covered_from), covered_from=covered_from)


def chairs_within_the_term_limit(facts: GroupFacts, today: datetime.date) -> Finding | None:
    # Every chair seat, appointed from a later date too: the limit concerns the plan.
    over_limit = [
        s
        for s in facts.seats
        if s.role == Role.CHAIR
        and s.chair_since is not None
        and (
            today > chair_service_limit(s.chair_since)
            or (s.term_end is not None and s.term_end > chair_service_limit(s.chair_since))
        )
    ]
    if not over_limit:
        return None
    return Finding(
        Rule.CHAIR_TERM_LIMIT,
        gettext("Past or planned past the term limit: %s")
        % ", ".join(s.person_name for s in over_limit),
        tuple(s.membership_id for s in over_limit),
    )


def terms_ending_soon(facts: GroupFacts, today: datetime.date) -> Finding | None:
    soon = [s for s in facts.in_office(today) if ends_soon(s.term_end, today)]
    if not soon:
        return None
    message = ngettext(
        "%(count)d term ends within %(days)d days.",
        "%(count)d terms end within %(days)d days.",
        len(soon),
    ) % {"count": len(soon), "days": ending_soon_days()}
    return Finding(Rule.ENDING_SOON, message, tuple(s.membership_id for s in soon))


def no_holdovers(facts: GroupFacts, today: datetime.date) -> Finding | None:
    holdovers = [s for s in facts.in_office(today) if s.term_end is not None and s.term_end < today]
    if not holdovers:
        return None
    return Finding(
        Rule.HOLDOVER,
        gettext("%d member(s) past their planned term.") % len(holdovers),
        tuple(s.membership_id for s in holdovers),
    )


def full_day_meetings_planned(facts: GroupFacts, today: datetime.date) -> Finding | None:
    required = facts.rules.full_day_meetings_per_year
    if facts.full_day_meetings_this_year >= required:
        return None
    return Finding(
        Rule.FULL_DAY_MEETINGS,
        gettext("%(count)d of %(required)d full-day meetings planned this year.")
        % {"count": facts.full_day_meetings_this_year, "required": required},
    )


def _ending_soon_label() -> str:
    return gettext("Terms ending within %(days)d days") % {"days": ending_soon_days()}


# --- The registry, in the order pages list the rules -----------------------------------------

RULES: dict[str, CompositionRule] = {
    rule.code: rule
    for rule in (
        CompositionRule(Rule.REGIONS, _("Every region represented"), every_region_represented),
        CompositionRule(Rule.CHAIR, _("At least one chair"), has_a_chair),
        CompositionRule(
            Rule.LEADERSHIP, _("A leadership representative"), has_a_leadership_representative
        ),
        CompositionRule(
            Rule.PATIENTS,
            _("Enough patient/relative representatives"),
            enough_patient_representatives,
        ),
        CompositionRule(
            Rule.CHAIR_TERM_LIMIT, _("Chairs within the term limit"), chairs_within_the_term_limit
        ),
        CompositionRule(Rule.ENDING_SOON, lazy(_ending_soon_label, str)(), terms_ending_soon),
        CompositionRule(
            Rule.HOLDOVER, _("Members past their planned term (holdovers)"), no_holdovers
        ),
        CompositionRule(
            Rule.FULL_DAY_MEETINGS,
            _("Full-day meetings planned this year"),
            full_day_meetings_planned,
        ),
    )
}
# Each rule's label by its code (choices of the databases list's filter, the pages' tables).
RULE_LABELS = {code: rule.label for code, rule in RULES.items()}
