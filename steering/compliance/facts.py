"""What the composition rules look at: a group's seats and meetings as plain data, and the
loader that reads them for many groups in a fixed number of queries.

A seat counts from the start of its term: an active seat appointed from a later date is
``ahead`` (shown as "appointed from <date>"), not in office; the rules count it only
in their forecast ("covered from <date>"). A re-appointment decided ahead of the term's
end and not yet carried out (``SuccessionAsk.renewal_starts``) counts the same way: as a
seat for the same person from the new term's start.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from django.db.models import Count, FilteredRelation
from django.utils import timezone

from steering.models.memberships import Role


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
    # A re-appointment decided ahead (``membership_id`` is the seat it renews): not an
    # active seat of its own.
    renews: bool = False

    def has_started(self, today: datetime.date) -> bool:
        return self.term_start <= today


@dataclass(frozen=True)
class GroupRules:
    """A group's own parameters of the rules (fields of ``SteeringGroup``)."""

    requires_all_regions: bool = True
    requires_leadership_representative: bool = True
    min_patient_representatives: int = 2
    full_day_meetings_per_year: int = 2


# The SteeringGroup fields the rules read (for ``.only()``): GroupRules' own names.
RULE_FIELDS = tuple(f.name for f in fields(GroupRules))


@dataclass
class GroupFacts:
    # The group's active seats, in office or appointed from a later date.
    seats: list[Seat]
    region_ids: dict[int, str]  # every region: id -> name
    rules: GroupRules = field(default_factory=GroupRules)
    full_day_meetings_this_year: int = 0

    def in_office(self, today: datetime.date) -> list[Seat]:
        """The seats whose term has started."""
        return [s for s in self.seats if s.has_started(today)]

    def ahead(self, today: datetime.date) -> list[Seat]:
        """The seats appointed from a later date, soonest first."""
        return sorted(
            (s for s in self.seats if not s.has_started(today)), key=lambda s: s.term_start
        )


class Finding(NamedTuple):
    """What a group does wrong against one rule. A named tuple rather than a dataclass:
    the kept register holds about 800 of them at ten times RKKP's size, and with tuples it
    is read back from the cache in 0.8 ms, with dataclass instances 2.6 ms."""

    rule: str
    message: str
    membership_ids: tuple[int, ...] = ()
    # For the regions rule: the regions not represented, and (region id, start) of those
    # with a seat appointed from a later date.
    region_ids: tuple[int, ...] = ()
    arrivals: tuple[tuple[int, datetime.date], ...] = ()
    # The forecast: the day from which seats already appointed cover the gap.
    covered_from: datetime.date | None = None

    @property
    def label(self):
        from steering.compliance.registry import RULES

        return RULES[self.rule].label


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
    groups, today: datetime.date | None = None, regions=None, seats=None
) -> dict[int, GroupFacts]:
    """Load the facts for the given groups in four queries, whatever their number (three
    when the caller has read the regions already). ``seats`` narrows the seats read to a
    scoped queryset of memberships (the forecast's appointing body)."""
    from regions.models import Region
    from steering.models import Meeting, Membership
    from steering.models.people import full_name
    from steering.models.succession import pending_renewal

    today = today or timezone.localdate()
    groups = list(groups)
    group_ids = [g.pk for g in groups]
    region_ids = {r.pk: r.name for r in (Region.objects.all() if regions is None else regions)}

    # Plain rows, not model instances: a dashboard over every group reads every active
    # seat, and building ten thousand Membership and Person objects cost most of its time.
    # Each seat comes with its decided re-appointment, if any, joined (one ask per seat, a
    # constraint, so the join adds no rows): the new term counts as a seat appointed ahead.
    seats_by_group: dict[int, list[tuple]] = defaultdict(list)
    renewal = FilteredRelation("succession_asks", condition=pending_renewal("succession_asks__"))
    active = (
        (Membership.objects if seats is None else seats)
        .active()
        .filter(group_id__in=group_ids)
        .annotate(renewal=renewal)
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
            "renewal__renewal_starts",
            "renewal__renewal_ends",
        )
    )
    renewed = set()
    for *seat, renewal_starts, renewal_ends in active:
        rows = seats_by_group[seat[1]]
        rows.append(tuple(seat))
        if renewal_starts is not None:
            rows.append((*seat[:7], renewal_starts, renewal_ends, True))
            renewed.add(seat[1])
    for group_id in renewed:
        seats_by_group[group_id].sort(key=lambda row: row[7])

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
                chair_since=chair_starts.get((group.pk, person_id)) if role == Role.CHAIR else None,
                renews=bool(renewal),
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
                *renewal,
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
