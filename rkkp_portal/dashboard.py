"""What the dashboard shows each role: one function per role, each a fixed number of queries.

The staff roles' overviews count and rank groups from the compliance register
(``steering.compliance.register``) and read the few groups they list as model instances."""

import datetime

from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone

from regions.models import Region
from representatives.access import nominations_visible_to
from representatives.models import LeadershipNomination
from steering.compliance import checks, registry
from steering.compliance import register as compliance_register
from steering.models import Membership, Message, Person
from steering.selfservice.overview import member_overview

# How many groups a list on the dashboard shows before it says how many more there are.
DASHBOARD_LIST_LENGTH = 15
WORST_GROUPS_SHOWN = 10


def secretariat_overview(register: compliance_register.Register) -> dict:
    counts = register.count_by_rule()
    # Most findings first; a stable sort keeps the databases' name order among equals.
    worst = sorted(register.failing, key=lambda pk: -len(register.failing[pk]))
    outbox = dict(
        Message.objects.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
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


def seats_due(region: Region, today: datetime.date):
    """The seats in office representing the region whose planned term has passed or ends
    soon (the compliance registry's window), soonest first."""
    return (
        Membership.objects.in_office(today)
        .representing(region)
        .filter(term_end__lte=registry.ending_soon_by(today))
        .select_related("person", "group__database")
        .only(
            "role",
            "term_end",
            "person__first_name",
            "person__last_name",
            "group__database__name",
            "group__database__slug",
        )
        .order_by("term_end", "pk")
    )


def region_overview(
    register: compliance_register.Register, region_id: int, today: datetime.date
) -> dict:
    region = Region.objects.annotate(
        people_count=Subquery(
            Person.objects.employed_in(OuterRef("pk"))
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n"),
            output_field=IntegerField(),
        )
    ).get(pk=region_id)
    # The groups that must have a member from every region and have none from this one.
    # A group with a member appointed from a later date says from when.
    failing = register.failing_rule(checks.Rule.REGIONS, region_id)
    vacancies = [pk for pk, _finding in failing]
    arriving = {pk: dict(finding.arrivals).get(region_id) for pk, finding in failing}
    shown = compliance_register.groups(vacancies[:DASHBOARD_LIST_LENGTH])
    for group in shown:
        group.appointed_from = arriving.get(group.pk)
    due = list(seats_due(region, today))
    return {
        "region": region,
        "vacancies": shown,
        "vacancy_count": len(vacancies),
        "vacancies_more": max(len(vacancies) - DASHBOARD_LIST_LENGTH, 0),
        "ending_soon_days": registry.ending_soon_days(),
        "ending": [seat for seat in due if seat.term_end >= today],
        "holdovers": [seat for seat in due if seat.term_end < today],
        "seat_count": register.seats.by_region.get(region_id, 0),
        "people_count": region.people_count,
    }


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
