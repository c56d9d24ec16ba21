"""What /representatives/ shows: coverage, the pipeline and the representatives in office.

A fixed number of queries whatever the number of groups, seats and meetings.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from regions.models import Region
from representatives.models import LeadershipNomination
from rkkp_portal.dashboard import open_nominations
from steering.models import ClinicalDatabase, Invitation, Meeting, Membership, SteeringGroup
from steering.models.memberships import Role

ATTENDED = [Invitation.Attendance.PRESENT, Invitation.Attendance.REMOTE]


@dataclass
class Coverage:
    label: str
    groups: int = 0
    covered: int = 0
    lacking: list = field(default_factory=list)


def _count(queryset, group_by: str):
    """A correlated COUNT(*) as an annotation (0 when nothing matches)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def leadership_seats(now: datetime.datetime):
    """Active leadership seats with their full-day meetings held and attended this term."""
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
        Membership.objects.active()
        .filter(role=Role.LEADERSHIP)
        .select_related("person__region", "person__employer", "group__database")
        .annotate(
            full_day_held=_count(held, "group"),
            full_day_attended=_count(attended, "person"),
        )
    )


def leadership_overview(now: datetime.datetime) -> dict:
    has_leader = Membership.objects.current().filter(group=OuterRef("pk"), role=Role.LEADERSHIP)
    groups = list(
        SteeringGroup.objects.filter(requires_leadership_representative=True)
        .select_related("database")
        .annotate(has_leader=Exists(has_leader))
        .order_by("database__name")
    )
    umbrellas = {value: Coverage(str(label)) for value, label in ClinicalDatabase.Umbrella.choices}
    umbrellas[ClinicalDatabase.Umbrella.NONE] = Coverage(_("No umbrella"))
    for group in groups:
        row = umbrellas[group.database.umbrella]
        row.groups += 1
        row.covered += group.has_leader
        if not group.has_leader:
            row.lacking.append(group)

    seats = list(leadership_seats(now).order_by("person__last_name", "person__first_name", "pk"))
    regions = list(Region.objects.all())
    seats_by_region = Counter(seat.person.region_id for seat in seats)
    leaders_by_region: dict[int | None, set] = {}
    for seat in seats:
        leaders_by_region.setdefault(seat.person.region_id, set()).add(seat.person_id)
    nominations = open_nominations()
    open_by_region = Counter(n.person.region_id for n in nominations)
    by_region = [
        {
            "region": region,
            "groups": seats_by_region[region.pk],
            "leaders": len(leaders_by_region.get(region.pk, ())),
            "open_nominations": open_by_region[region.pk],
        }
        for region in regions
    ]

    status_counts = dict(
        LeadershipNomination.objects.values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    pipeline = [
        (value, label, status_counts.get(value, 0))
        for value, label in LeadershipNomination.Status.choices
    ]
    recent = list(
        LeadershipNomination.objects.filter(~Q(status=LeadershipNomination.Status.PROPOSED))
        .select_related("person", "group__database", "decided_by")
        .order_by("-decided_at", "-pk")[:10]
    )
    return {
        "open_nominations": nominations,
        "leader_count": len(seats),  # the active leadership seats
        "by_umbrella": [row for row in umbrellas.values() if row.groups],
        "by_region": by_region,
        "group_count": len(groups),
        "covered_count": sum(1 for g in groups if g.has_leader),
        "seats": seats,
        "pipeline": pipeline,
        "recent_decisions": recent,
    }
