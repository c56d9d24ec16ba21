"""What the dashboard shows each role: one function per role, each a fixed number of queries.

The staff roles' overviews read the register kept per data version
(``steering.compliance.register``): the findings, seat counts and due seats of every group."""

import datetime

from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone

from regions.models import Region
from representatives.models import LeadershipNomination
from steering.compliance import checks as compliance
from steering.compliance import register as compliance_cache
from steering.models import Membership, Message, Person
from steering.selfservice.overview import member_overview

# How many groups a list on the dashboard shows before it links to the rest.
DASHBOARD_LIST_LENGTH = 15


def secretariat_overview(register: compliance_cache.Register) -> dict:
    statuses = register.groups.values()
    failing = [status for status in statuses if status.findings]
    counts = compliance.summary({status.group_id: status.findings for status in failing})
    outbox = dict(
        Message.objects.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "group_count": len(register.groups),
        "compliant_count": len(register.groups) - len(failing),
        "people_count": register.seats.people,
        "seats": {
            "total": register.seats.total,
            "ending": register.seats.ending,
            "holdovers": register.seats.holdovers,
        },
        "rule_counts": [(rule, compliance.RULE_LABELS[rule], n) for rule, n in counts.items()],
        # Most findings first; a stable sort keeps the databases' name order among equals.
        "worst_groups": sorted(failing, key=lambda status: -len(status.findings))[:10],
        "outbox_queued": outbox.get(Message.Status.QUEUED, 0),
        "outbox_failed": outbox.get(Message.Status.FAILED, 0),
    }


def _failing(register: compliance_cache.Register, rule: str, region_id: int | None = None):
    return [
        status
        for status in register.groups.values()
        if any(
            f.rule == rule and (region_id is None or region_id in f.region_ids)
            for f in status.findings
        )
    ]


def region_overview(
    register: compliance_cache.Register, region_id: int, today: datetime.date
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
    vacancies = _failing(register, compliance.Rule.REGIONS, region_id)
    due = [seat for seat in register.due if seat.region_id == region_id]
    return {
        "region": region,
        "vacancies": vacancies[:DASHBOARD_LIST_LENGTH],
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


def circle_overview(register: compliance_cache.Register) -> dict:
    lacking = _failing(register, compliance.Rule.LEADERSHIP)
    return {
        "lacking_leadership": lacking[:DASHBOARD_LIST_LENGTH],
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
        register = compliance_cache.register(today)
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
