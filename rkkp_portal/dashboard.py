"""What the dashboard shows each role: one function per role, each a fixed number of queries.

The staff roles' overviews count and rank groups from the compliance register
(``steering.compliance.register``) and read the few groups they list as model instances."""

import datetime

from django.db.models import Count, Min
from django.utils import timezone

from regions.models import AppointmentRequest, Region
from regions.workspace import due_counts, regions_counted
from representatives.access import nominations_visible_to
from representatives.models import LeadershipNomination
from steering.compliance import charts, checks, registry
from steering.compliance import register as compliance_register
from steering.models import Membership, Message
from steering.selfservice.overview import member_overview

# How many rows a list on the dashboard shows before it says how many there are and links
# to the whole list: the dashboard is an overview, each list's page has the rest. (A
# regional administrator's dashboard counts only: the region's workspace has the lists.)
DASHBOARD_LIST_LENGTH = 5
# Each with its findings named; the composition page says what each one is.
WORST_GROUPS_SHOWN = 5


def secretariat_overview(register: compliance_register.Register) -> dict:
    counts = register.count_by_rule()
    # Most findings first; a stable sort keeps the databases' name order among equals.
    worst = sorted(register.failing, key=lambda pk: -len(register.failing[pk]))
    outbox = dict(
        Message.objects.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    regions = regions_to_follow(register)
    return {
        "regions": regions,
        # The composition page's first two charts, drawn from the same register: no query.
        "by_rule": charts.failing_by_rule(register, layout=charts.COMPACT),
        "by_region": charts.missing_by_region(
            register, [row["region"] for row in regions], layout=charts.COMPACT
        ),
        "group_count": register.group_count,
        "compliant_count": register.group_count - len(register.failing),
        "seats": register.seats,
        "rule_counts": [(rule, label, counts[rule]) for rule, label in checks.RULE_LABELS.items()],
        "worst_groups": [
            (group, register.failing[group.pk])
            for group in compliance_register.groups(worst[:WORST_GROUPS_SHOWN])
        ],
        "ending_soon_days": registry.ending_soon_days(),
        "outbox_queued": outbox.get(Message.Status.QUEUED, 0),
        "outbox_failed": outbox.get(Message.Status.FAILED, 0),
    }


def regions_to_follow(register: compliance_register.Register) -> list[dict]:
    """Every region with what the secretariat follows up there (groups without a member
    from it, its unanswered appointment requests and the first deadline); each row leads
    to the region's workspace. Two queries, whatever the number of requests."""
    unanswered = {
        row["region"]: row
        for row in AppointmentRequest.objects.unanswered()
        .values("region")
        .annotate(n=Count("pk"), first_due=Min("due_on"))
        .order_by()
    }
    return [
        {
            "region": region,
            "vacancy_count": len(register.failing_rule(checks.Rule.REGIONS, region.pk)),
            "open_requests": unanswered.get(region.pk, {}).get("n", 0),
            "first_due": unanswered.get(region.pk, {}).get("first_due"),
        }
        for region in Region.objects.all()
    ]


def region_overview(
    register: compliance_register.Register, region_id: int, today: datetime.date
) -> dict:
    """The region's figures, each linked to where it is acted on (``due_counts``)."""
    region = regions_counted().get(pk=region_id)
    return {"region": region, **due_counts(register, region, today)}


def open_nominations(nominations) -> list[LeadershipNomination]:
    """The nominations awaiting a decision among ``nominations`` (the viewer's scoped
    queryset, ``representatives.access.nominations_visible_to``)."""
    return list(
        nominations.open()
        .select_related("person", "group__database", "proposing_region")
        .order_by("created_at")
    )


def circle_overview(register: compliance_register.Register, user) -> dict:
    failing = register.failing_rule(checks.Rule.LEADERSHIP)
    lacking = [pk for pk, _finding in failing]
    # A group with a representative appointed from a later date says from when.
    arriving = {pk: finding.covered_from for pk, finding in failing}
    shown = compliance_register.groups(lacking[:DASHBOARD_LIST_LENGTH])
    for group in shown:
        group.appointed_from = arriving.get(group.pk)
    return {
        "lacking_leadership": shown,
        "lacking_count": len(lacking),
        "lacking_more": max(len(lacking) - DASHBOARD_LIST_LENGTH, 0),
        "open_nominations": open_nominations(nominations_visible_to(user)),
        "leader_count": register.seats.by_role.get(Membership.Role.LEADERSHIP, 0),
    }


def overview_for(user) -> dict:
    roles = user.roles
    today = timezone.localdate()
    context: dict = {}
    if roles.secretariat or roles.admin_region_id is not None or roles.circle:
        register = compliance_register.register(today)
        if roles.secretariat:
            context["secretariat"] = secretariat_overview(register)
        if roles.admin_region_id is not None:
            context["region"] = region_overview(register, roles.admin_region_id, today)
        if roles.circle:
            context["circle"] = circle_overview(register, user)
    if roles.person_id is not None:
        context["member"] = member_overview(roles.person_id)
    return context


__all__ = ["overview_for"]
