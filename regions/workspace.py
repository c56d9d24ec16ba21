"""What a region's workspace shows, in a fixed number of queries whatever the region's size."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)

from regions.access import agreements_for, people_employed_in, seats_held_in
from regions.models import AppointmentRequest, BuyOutAgreement, EmployerBacking, Region
from regions.models.buyout import outlives_its_seat
from steering.compliance import checks, registry
from steering.compliance import register as compliance_register
from steering.models import Membership, Person

# How many rows each of the workspace's lists shows; each says how many there are in all
# and links to the full list, so the page stays within about three screens.
SHOWN = 3


def chairs_without_agreement(region: Region):
    """Active chairs employed in the region with no open agreement (rejected ones do not count)."""
    agreement = BuyOutAgreement.objects.open().filter(membership=OuterRef("pk"))
    return (
        seats_held_in(region)
        .active()
        .chairs()
        .exclude(Exists(agreement))
        .select_related("person", "group__database")
        .only(
            "term_start",
            "person__first_name",
            "person__last_name",
            "group__database__name",
            "group__database__slug",
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def people_with_seats(region: Region):
    """People employed in the region who hold a current seat (thousands at scale), with
    their workplace and those seats (``seats``), each flagged ``backed`` when the employer's
    backing is recorded."""
    # Only the columns the page shows.
    seats = (
        Membership.objects.current()
        .select_related("group__database")
        .only("person", "role", "representing_region", "group__database__name")
        .annotate(backed=Exists(EmployerBacking.objects.filter(membership=OuterRef("pk"))))
        .order_by("group__database__name", "role", "pk")
    )
    return (
        people_employed_in(region)
        .filter(Exists(Membership.objects.current().filter(person=OuterRef("pk"))))
        .select_related("employer__parent")
        .only(
            "first_name",
            "last_name",
            "employer__name",
            "employer__parent__name",
            "employer__parent__short_name",
        )
        .prefetch_related(Prefetch("memberships", queryset=seats, to_attr="seats"))
        .order_by("last_name", "first_name", "pk")
    )


def seats_due(region: Region, today: datetime.date):
    """The seats in office representing the region whose planned term has passed or ends
    soon (the compliance registry's window)."""
    return (
        Membership.objects.in_office(today)
        .representing(region)
        .filter(term_end__lte=registry.ending_soon_by(today))
    )


def seats_due_by_kind(region: Region, today: datetime.date) -> tuple[list, list]:
    """The seats due (``seats_due``), soonest first: those whose term ends soon, and the
    holdovers."""
    due = list(
        seats_due(region, today)
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
    return [s for s in due if s.term_end >= today], [s for s in due if s.term_end < today]


def region_vacancies(
    register: compliance_register.Register, region_id: int, limit: int
) -> tuple[list, int]:
    """The first ``limit`` groups that lack a member from the region, each with
    ``appointed_from`` (the start of a seat appointed from a later date, or None), and how
    many groups lack one."""
    failing = register.failing_rule(checks.Rule.REGIONS, region_id)
    arriving = {pk: dict(finding.arrivals).get(region_id) for pk, finding in failing}
    shown = compliance_register.groups([pk for pk, _finding in failing][:limit])
    for group in shown:
        group.appointed_from = arriving.get(group.pk)
    return shown, len(failing)


def due_counts(register: compliance_register.Register, region: Region, today: datetime.date):
    """How much needs the region's administrator now, counted, for their dashboard: the
    unanswered requests (and the first deadline), the groups without a member from the
    region, the terms due and the holdovers, and the region's seats and people. The lists
    themselves, each row with its action, are the workspace's (``due_now``): shown on the
    dashboard too, they made it cost half as much again as the admin's list of people.
    ``region`` comes from ``regions_counted()``."""
    due = seats_due(region, today).aggregate(
        ending=Count("pk", filter=Q(term_end__gte=today)),
        holdovers=Count("pk", filter=Q(term_end__lt=today)),
    )
    requests = (
        AppointmentRequest.objects.for_region(region)
        .unanswered()
        .aggregate(count=Count("pk"), first_due=Min("due_on"))
    )
    return {
        "vacancy_count": len(register.failing_rule(checks.Rule.REGIONS, region.pk)),
        "seat_count": register.seats.by_region.get(region.pk, 0),
        "ending_soon_days": registry.ending_soon_days(),
        "ending_count": due["ending"],
        "holdover_count": due["holdovers"],
        "open_request_count": requests["count"],
        "first_due": requests["first_due"],
        "people_count": region.people_count,
    }


def due_now(register: compliance_register.Register, region: Region, today: datetime.date) -> dict:
    """What needs the region's administrator now, for the workspace: the first ``SHOWN`` of
    each list acted on (unanswered requests, groups without a member from the region,
    terms due and holdovers) with how many each holds. ``region`` comes from
    ``regions_counted()``."""
    vacancies, vacancy_count = region_vacancies(register, region.pk, SHOWN)
    # The seats due: a few dozen at most, as terms end in the registry's window; counted
    # here and shown ``SHOWN`` at a time.
    ending, holdovers = seats_due_by_kind(region, today)
    # At most one unanswered request per group and region (a constraint): few.
    open_requests = list(
        AppointmentRequest.objects.for_region(region)
        .unanswered()
        .select_related("group__database")
        .only("due_on", "status", "group__database__name")
        .order_by("due_on", "pk")
    )
    return {
        "vacancies": vacancies,
        "vacancy_count": vacancy_count,
        "ending_soon_days": registry.ending_soon_days(),
        # The people list's filter takes a day before which a term ends.
        "due_before": registry.ending_soon_by(today) + datetime.timedelta(days=1),
        "ending": ending[:SHOWN],
        "ending_count": len(ending),
        "holdovers": holdovers[:SHOWN],
        "holdover_count": len(holdovers),
        "open_requests": open_requests[:SHOWN],
        "open_request_count": len(open_requests),
        "people_count": region.people_count,
        "today": today,
    }


def region_workspace(region: Region, today: datetime.date) -> dict:
    """What needs the region's administrator now (``due_now``, the first few rows of
    each list; the full lists are linked from the page), and the buy-out agreements and
    the chairs without one, counted only: their lists are the buy-out pages'. ``region``
    comes from ``regions_counted()``."""
    register = compliance_register.register(today)
    return {
        **due_now(register, region, today),
        "open_agreements": region.open_agreement_count,
        **seat_counts(region),
    }


def agreements_listed(region: Region):
    """The region's agreements as its tables show them, newest first, each flagged when it
    outlives its seat."""
    return (
        agreements_for(region)
        # The columns the table shows; the flag reads the seat's dates in SQL.
        .only(
            "starts_on",
            "ends_on",
            "annual_amount_dkk",
            "status",
            "membership__role",
            "membership__person__first_name",
            "membership__person__last_name",
            "membership__group__database__name",
            "employer__name",
            "employer__parent__name",
            "employer__parent__short_name",
        )
        .annotate(outlives=ExpressionWrapper(outlives_its_seat(), output_field=BooleanField()))
        .order_by("-starts_on", "-pk")
    )


def regions_counted():
    """Regions with the people employed in them and their open agreements counted (scalar
    subqueries, read with the region itself)."""
    return Region.objects.annotate(
        people_count=_count(Person.objects.employed_in(OuterRef("pk"))),
        open_agreement_count=_count(BuyOutAgreement.objects.open().for_region(OuterRef("pk"))),
    )


def seat_counts(region: Region) -> dict:
    """The chairs without an open agreement and the seats without recorded backing, among
    the active seats held by people employed in the region: one pass over those seats."""
    agreement = BuyOutAgreement.objects.open().filter(membership=OuterRef("pk"))
    # A seat has at most one backing (one to one), so the LEFT JOIN counts each seat once
    # and the seats without one are the rest: one hash join, where NOT EXISTS looked the
    # backing up seat by seat (at scale 10, 1,500 seats: 4.6 ms, now 3.4).
    counts = (
        seats_held_in(region)
        .active()
        .aggregate(
            chairs_without_agreement_count=Count(
                "pk", filter=Q(role=Membership.Role.CHAIR) & ~Exists(agreement)
            ),
            seat_count=Count("pk"),
            backed_count=Count("employer_backing"),
        )
    )
    return {
        "chairs_without_agreement_count": counts["chairs_without_agreement_count"],
        "without_backing_count": counts["seat_count"] - counts["backed_count"],
    }


def _count(queryset):
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )
