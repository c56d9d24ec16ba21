"""The chair term limit for one seat: what the seat page shows and re-appointment registry.

The limit itself (period length, number of periods, the 2022 framework's transitional
rule) live in ``registry`` and the walk through a chair's earlier seats in ``facts``, which the
compliance register uses too, so the page, re-appointment and the register agree.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from steering.compliance import registry
from steering.compliance.facts import earlier_chair_start
from steering.models import Membership


@dataclass(frozen=True)
class ChairTerm:
    since: datetime.date  # the start of unbroken service as chair of the group
    reached_on: datetime.date  # the last day the framework lets them serve

    @property
    def transitional(self) -> bool:
        return registry.chair_grandfathered(self.since)

    def allows(self, term_end: datetime.date) -> bool:
        return term_end <= self.reached_on

    def rule(self) -> str:
        """The rule that sets this chair's limit, in words; the numbers come from ``checks``."""
        if self.transitional:
            return gettext(
                "Chairs who had served more than %(after)d years when the framework took "
                "effect on %(effective)s may serve one last period of %(years)d years."
            ) % {
                "after": registry.GRANDFATHERED_AFTER_YEARS,
                "effective": date_format(registry.FRAMEWORK_2022),
                "years": registry.CHAIR_PERIOD_YEARS,
            }
        return gettext("Chairs serve at most %(periods)d periods of %(years)d years.") % {
            "periods": registry.CHAIR_MAX_PERIODS,
            "years": registry.CHAIR_PERIOD_YEARS,
        }

    def breach(self, *, person: str, term_end: datetime.date) -> str:
        """Why a term that ends on ``term_end`` goes past the limit."""
        return gettext(
            "%(person)s has chaired this group since %(since)s. %(rule)s The limit is "
            "reached on %(limit)s, and the new term would end on %(end)s."
        ) % {
            "person": person,
            "since": date_format(self.since),
            "rule": self.rule(),
            "limit": date_format(self.reached_on),
            "end": date_format(term_end),
        }


def chair_term_of(membership: Membership) -> ChairTerm | None:
    """The term limit of a chair's seat (None for other roles), in one query.

    Service counts from the earliest of the person's chair seats in the group that runs
    on, unbroken, into this one (as the compliance register counts it).
    """
    if membership.role != Membership.Role.CHAIR:
        return None
    earlier = (
        Membership.objects.chairs()
        .filter(
            group_id=membership.group_id,
            person_id=membership.person_id,
            term_start__lte=membership.term_start,
        )
        .order_by("-term_start")
        .values_list("term_start", "ended_on")
    )
    since = None
    for term_start, ended_on in earlier:
        since = earlier_chair_start(since, term_start, ended_on)
    if since is None:  # an unsaved seat
        since = membership.term_start
    return ChairTerm(since=since, reached_on=registry.chair_service_limit(since))
