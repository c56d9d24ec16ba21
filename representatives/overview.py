"""What /representatives/ shows: coverage, the pipeline and the representatives in office.

Summaries first (counts by umbrella and region, the pipeline), then the first groups
without a representative and the representatives a page at a time: a fixed number of
queries, and rows read only for what the page shows, whatever the number of groups, seats
and meetings.
"""

import datetime

from django.db.models import (
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from regions.models import Region
from representatives.access import nominations_visible_to
from representatives.models import LeadershipNomination
from rkkp_portal.dashboard import open_nominations
from steering.models import ClinicalDatabase, Invitation, Meeting, Membership, SteeringGroup
from steering.models.memberships import Role

ATTENDED = [Invitation.Attendance.PRESENT, Invitation.Attendance.REMOTE]
# The overview names this many of the groups without a representative and says how many
# there are in all; the composition page lists every one.
LACKING_SHOWN = 10
# The representatives in office, a page at a time, and the latest decisions: with the
# lists above, a page stays within about three screens.
REPRESENTATIVES_PER_PAGE = 15
DECISIONS_SHOWN = 5


def _count(queryset, group_by: str):
    """A correlated COUNT(*) as an annotation (0 when nothing matches)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def leadership_seats(now: datetime.datetime):
    """Leadership seats in office (their term has started) with their full-day meetings
    held and attended this term."""
    held = Meeting.objects.filter(
        group=OuterRef("group"),
        kind=Meeting.Kind.FULL_DAY,
        starts_at__date__gte=OuterRef("term_start"),
        starts_at__lt=now,
    ).exclude(status=Meeting.Status.CANCELLED)
    attended = Invitation.objects.filter(
        person=OuterRef("person"),
        meeting__group=OuterRef("group"),
        meeting__kind=Meeting.Kind.FULL_DAY,
        meeting__starts_at__date__gte=OuterRef("term_start"),
        meeting__starts_at__lt=now,
        attendance__in=ATTENDED,
    ).exclude(meeting__status=Meeting.Status.CANCELLED)
    return (
        Membership.objects.in_office(timezone.localdate(now))
        .filter(role=Role.LEADERSHIP)
        .select_related("person__region", "person__employer", "group__database")
        # What the table shows of each.
        .only(
            "term_start",
            "term_end",
            "person__first_name",
            "person__last_name",
            "person__region__name_da",
            "person__region__name_en",
            "person__employer__name",
            "group__database__name",
            "group__database__slug",
        )
        .annotate(
            full_day_held=_count(held, "group"),
            full_day_attended=_count(attended, "person"),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _groups_requiring_a_leader(today: datetime.date):
    """With ``has_leader``: a current (proposed or active) leadership seat whose term has
    started; and ``leader_from``: the first start of one appointed from a later date."""
    leaders = Membership.objects.current().filter(group=OuterRef("pk"), role=Role.LEADERSHIP)
    arriving = leaders.filter(term_start__gt=today).order_by("term_start").values("term_start")[:1]
    return SteeringGroup.objects.filter(requires_leadership_representative=True).annotate(
        has_leader=Exists(leaders.filter(term_start__lte=today)),
        leader_from=Subquery(arriving, output_field=DateField()),
    )


def coverage_by_umbrella(today: datetime.date) -> list[dict]:
    """Per umbrella with groups that require a representative: its label, how many such
    groups it has and how many of them have one (proposed or active, and started)."""
    counts = (
        _groups_requiring_a_leader(today)
        .values("database__umbrella")
        .annotate(groups=Count("pk"), covered=Count("pk", filter=Q(has_leader=True)))
        .order_by()
    )
    by_umbrella = {row["database__umbrella"]: row for row in counts}
    return [
        {"label": label, **by_umbrella[value]}
        for value, label in ClinicalDatabase.Umbrella.choices
        if value in by_umbrella
    ]


def groups_without_a_leader(today: datetime.date):
    """The groups that require a representative and have none in office, by name."""
    return (
        _groups_requiring_a_leader(today)
        .filter(has_leader=False)
        .select_related("database")
        .only("database__name", "database__slug")
        .order_by("database__name", "pk")
    )


def coverage_by_region(nominations: list[LeadershipNomination], today: datetime.date) -> list[dict]:
    """Per region (of the representatives' employer): the seats in office, the people
    holding them and the nominations awaiting a decision (of those given: the viewer's)."""
    held = {
        row["person__region"]: row
        for row in Membership.objects.in_office(today)
        .filter(role=Role.LEADERSHIP)
        .values("person__region")
        .annotate(groups=Count("pk"), leaders=Count("person", distinct=True))
        .order_by()
    }
    waiting = {}
    for nomination in nominations:
        region_id = nomination.person.region_id
        waiting[region_id] = waiting.get(region_id, 0) + 1
    return [
        {
            "region": region,
            "groups": held.get(region.pk, {}).get("groups", 0),
            "leaders": held.get(region.pk, {}).get("leaders", 0),
            "open_nominations": waiting.get(region.pk, 0),
        }
        for region in Region.objects.all()
    ]


def leadership_overview(user, today: datetime.date) -> dict:
    """Every nomination count and list is of the nominations the viewer may open
    (``nominations_visible_to``): a regional administrator sees their region's."""
    visible = nominations_visible_to(user)
    nominations = open_nominations(visible)
    umbrellas = coverage_by_umbrella(today)
    lacking = list(
        groups_without_a_leader(today).annotate(total=Window(Count("pk")))[:LACKING_SHOWN]
    )
    status_counts = dict(
        visible.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    recent = list(
        visible.filter(~Q(status=LeadershipNomination.Status.PROPOSED))
        .select_related("person", "group__database", "decided_by")
        .order_by("-decided_at", "-pk")[:DECISIONS_SHOWN]
    )
    return {
        "open_nominations": nominations,
        "by_umbrella": umbrellas,
        "group_count": sum(row["groups"] for row in umbrellas),
        "covered_count": sum(row["covered"] for row in umbrellas),
        "lacking": lacking,
        "lacking_count": lacking[0].total if lacking else 0,
        "by_region": coverage_by_region(nominations, today),
        "pipeline": [
            (value, label, status_counts.get(value, 0))
            for value, label in LeadershipNomination.Status.choices
        ],
        "recent_decisions": recent,
    }
