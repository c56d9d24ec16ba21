"""What the dashboard shows each role: one function per role, each a fixed number of queries.

The staff roles' overviews read the register kept per data version
(``steering.compliance.register``): the findings, seat counts and due seats of every group."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Now
from django.utils import timezone

from regions.models import Region
from representatives.models import LeadershipNomination
from rkkp_portal.addresses import address_for
from rkkp_portal.compiled_queries import CompiledQuery
from rkkp_portal.labels import bilingual
from steering.compliance import checks as compliance
from steering.compliance import register as compliance_cache
from steering.models import Invitation, Meeting, Membership, Message, Person
from steering.models.memberships import is_holdover
from steering.models.people import full_name

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


@dataclass(frozen=True)
class MySeat:
    """One of the member's own current seats, as the dashboard lists it."""

    membership_id: int
    group_name: str
    group_url: str
    role_label: str
    region_name: str
    term_start: datetime.date
    term_end: datetime.date | None
    term_number: int
    status_label: str
    is_holdover: bool


@dataclass(frozen=True)
class MyMeeting:
    """A planned meeting the member is invited to."""

    meeting_id: int
    url: str
    group_name: str
    kind_label: str
    starts_at: datetime.datetime
    response_label: str


# The person's current seats, with their name; the next ten planned meetings they are
# invited to. Compiled once per process: compiling them cost more than running them.
_SEATS = CompiledQuery(
    lambda person_id: (
        Membership.objects.current()
        .filter(person_id=person_id)
        .order_by("group__database__name", "pk")
        .values_list(
            "person__first_name",
            "person__last_name",
            "pk",
            "group__database__name",
            "group__database__slug",
            "role",
            "representing_region__name_da",
            "representing_region__name_en",
            "term_start",
            "term_end",
            "term_number",
            "status",
        )
    )
)
_MEETINGS = CompiledQuery(
    lambda person_id: (
        Invitation.objects.filter(
            person_id=person_id,
            meeting__starts_at__gte=Now(),
            meeting__status=Meeting.Status.PLANNED,
        )
        .order_by("meeting__starts_at", "meeting_id")
        .values_list(
            "meeting_id",
            "meeting__group__database__name",
            "meeting__kind",
            "meeting__starts_at",
            "response",
        )[:10]
    )
)


def _my_seats(person_id: int, today: datetime.date) -> tuple[str | None, list[MySeat]]:
    """The person's name (None when they have no current seat) and their current seats."""
    rows = _SEATS(person_id)
    database_url = address_for("steering:database-detail", key="slug")
    roles, statuses = dict(Membership.Role.choices), dict(Membership.Status.choices)
    name, seats = None, []
    for first, last, pk, group, slug, role, region_da, region_en, start, end, n, status in rows:
        name = full_name(first, last)
        seats.append(
            MySeat(
                membership_id=pk,
                group_name=group,
                group_url=database_url(slug),
                role_label=roles.get(role, role),
                region_name=bilingual(region_da, region_en),
                term_start=start,
                term_end=end,
                term_number=n,
                status_label=statuses.get(status, status),
                is_holdover=is_holdover(status, end, today),
            )
        )
    return name, seats


def _my_meetings(person_id: int) -> list[MyMeeting]:
    """The next ten planned meetings the person is invited to."""
    rows = _MEETINGS(person_id)
    meeting_url = address_for("steering:meeting-detail")
    kinds, responses = dict(Meeting.Kind.choices), dict(Invitation.Response.choices)
    return [
        MyMeeting(
            meeting_id=pk,
            url=meeting_url(pk),
            group_name=group,
            kind_label=kinds.get(kind, kind),
            starts_at=starts_at,
            response_label=responses.get(response, response),
        )
        for pk, group, kind, starts_at, response in rows
    ]


def member_overview(person_id: int, today: datetime.date) -> dict:
    """The member's own seats and next meetings: two queries, three for someone without a
    current seat (the seats bring the person's name with them)."""
    name, seats = _my_seats(person_id, today)
    if name is None:
        person = Person.objects.values_list("first_name", "last_name").get(pk=person_id)
        name = full_name(*person)
    return {"name": name, "my_seats": seats, "invitations": _my_meetings(person_id)}


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
        context["member"] = member_overview(roles.person_id, today)
    return context


__all__ = ["overview_for"]
