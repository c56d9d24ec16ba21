"""What the dashboard shows each role: one function per role, each a fixed number of queries.

The staff roles' overviews count and rank groups from the compliance register
(``steering.compliance.register``) and read the few groups they list as model instances."""

import datetime

from django.conf import settings
from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone

from regions.models import Region
from representatives.models import LeadershipNomination
from steering.compliance import checks
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
        "outbox_queued": outbox.get(Message.Status.QUEUED, 0),
        "outbox_failed": outbox.get(Message.Status.FAILED, 0),
    }


def seats_due(region: Region, today: datetime.date):
    """The active seats representing the region whose planned term has passed or ends
    within settings.TERM_ENDING_SOON_DAYS, soonest first."""
    ending_by = today + datetime.timedelta(days=settings.TERM_ENDING_SOON_DAYS)
    return (
        Membership.objects.active()
        .representing(region)
        .filter(term_end__lte=ending_by)
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
    vacancies = [pk for pk, _finding in register.failing_rule(checks.Rule.REGIONS, region_id)]
    due = list(seats_due(region, today))
    return {
        "region": region,
        "vacancies": compliance_register.groups(vacancies[:DASHBOARD_LIST_LENGTH]),
        "vacancy_count": len(vacancies),
        "vacancies_more": max(len(vacancies) - DASHBOARD_LIST_LENGTH, 0),
        "ending": [seat for seat in due if seat.term_end >= today],
        "holdovers": [seat for seat in due if seat.term_end < today],
        "seat_count": register.seats.by_region.get(region_id, 0),
        "people_count": region.people_count,
    }


def open_nominations() -> list[LeadershipNomination]:
    return list(
        LeadershipNomination.objects.open()
        .select_related("person", "group__database", "proposing_region")
        .order_by("created_at")
    )


def circle_overview(register: compliance_register.Register) -> dict:
    lacking = [pk for pk, _finding in register.failing_rule(checks.Rule.LEADERSHIP)]
    return {
        "lacking_leadership": compliance_register.groups(lacking[:DASHBOARD_LIST_LENGTH]),
        "lacking_count": len(lacking),
        "lacking_more": max(len(lacking) - DASHBOARD_LIST_LENGTH, 0),
        "open_nominations": open_nominations(),
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
            context["circle"] = circle_overview(register)
    if roles.person_id is not None:
        context["member"] = member_overview(roles.person_id)
    return context


__all__ = ["overview_for"]
