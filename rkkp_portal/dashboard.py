"""What the dashboard shows each role: one function per role, each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from regions.models import Region
from representatives.models import LeadershipNomination
from steering import compliance, compliance_cache
from steering.models import Invitation, Membership, Message, Person, SteeringGroup


@dataclass
class GroupWithFindings:
    group: SteeringGroup
    findings: list


def secretariat_overview(today: datetime.date) -> dict:
    groups = list(SteeringGroup.objects.select_related("database").order_by("database__name"))
    findings = compliance_cache.findings_for_groups(groups, today)
    counts = compliance.summary(findings)
    failing = sorted(
        (GroupWithFindings(g, findings[g.pk]) for g in groups if findings[g.pk]),
        key=lambda item: (-len(item.findings), item.group.database.name),
    )
    outbox = dict(
        Message.objects.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    seats = Membership.objects.active().aggregate(
        total=Count("pk"),
        ending=Count(
            "pk",
            filter=Q(
                term_end__gte=today,
                term_end__lte=today + datetime.timedelta(days=settings.TERM_ENDING_SOON_DAYS),
            ),
        ),
        holdovers=Count("pk", filter=Q(term_end__lt=today)),
        # COUNT(DISTINCT person_id) here, not a DISTINCT over whole Person rows apart.
        people=Count("person_id", distinct=True),
    )
    return {
        "group_count": len(groups),
        "compliant_count": len(groups) - len(failing),
        "people_count": seats["people"],
        "seats": seats,
        "rule_counts": [(compliance.RULE_LABELS[rule], n) for rule, n in counts.items()],
        "worst_groups": failing[:10],
        "outbox_queued": outbox.get(Message.Status.QUEUED, 0),
        "outbox_failed": outbox.get(Message.Status.FAILED, 0),
    }


def region_overview(region_id: int, today: datetime.date) -> dict:
    region = Region.objects.get(pk=region_id)
    represented = Membership.objects.active().filter(
        group=OuterRef("pk"), representing_region_id=region_id
    )
    vacancies = list(
        SteeringGroup.objects.filter(requires_all_regions=True)
        .exclude(Exists(represented))
        .select_related("database")
        .order_by("database__name")
    )
    seats = (
        Membership.objects.active().representing(region).select_related("person", "group__database")
    )
    ending = list(
        seats.filter(
            term_end__gte=today,
            term_end__lte=today + datetime.timedelta(days=settings.TERM_ENDING_SOON_DAYS),
        ).order_by("term_end")
    )
    holdovers = list(seats.filter(term_end__lt=today).order_by("term_end"))
    return {
        "region": region,
        "vacancies": vacancies,
        "ending": ending,
        "holdovers": holdovers,
        "seat_count": seats.count(),
        "people_count": Person.objects.employed_in(region).count(),
    }


def circle_overview() -> dict:
    has_leader = Membership.objects.active().filter(group=OuterRef("pk"), role="leadership")
    lacking = list(
        SteeringGroup.objects.filter(requires_leadership_representative=True)
        .exclude(Exists(has_leader))
        .select_related("database")
        .order_by("database__name")
    )
    open_nominations = list(
        LeadershipNomination.objects.open()
        .select_related("person", "group__database", "proposing_region")
        .order_by("created_at")
    )
    return {
        "lacking_leadership": lacking,
        "open_nominations": open_nominations,
        "leader_count": Membership.objects.active().filter(role="leadership").count(),
    }


def member_overview(person_id: int, now: datetime.datetime) -> dict:
    person = Person.objects.get(pk=person_id)
    seats = list(
        Membership.objects.current()
        .filter(person_id=person_id)
        .select_related("group__database", "representing_region")
        .order_by("group__database__name")
    )
    invitations = list(
        Invitation.objects.filter(
            person_id=person_id, meeting__starts_at__gte=now, meeting__status="planned"
        )
        .select_related("meeting__group__database")
        .order_by("meeting__starts_at")[:10]
    )
    return {"person": person, "my_seats": seats, "invitations": invitations}


def overview_for(user) -> dict:
    roles = user.roles
    today = timezone.localdate()
    context: dict = {}
    if roles.secretariat:
        context["secretariat"] = secretariat_overview(today)
    if roles.admin_region_id is not None:
        context["region"] = region_overview(roles.admin_region_id, today)
    if roles.circle:
        context["circle"] = circle_overview()
    if roles.person_id is not None:
        context["member"] = member_overview(roles.person_id, timezone.now())
    return context


__all__ = ["overview_for"]
