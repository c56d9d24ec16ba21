"""What a region's workspace shows, in a fixed number of queries whatever the region's size."""

import datetime
from typing import TypedDict

from django.core.paginator import Page
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Window

from regions.access import agreements_for, people_employed_in, requests_for, seats_held_in
from regions.models import BuyOutAgreement, EmployerBacking, Region
from regions.models.buyout import outlives_its_seat
from rkkp_portal.addresses import address_for
from rkkp_portal.dashboard import region_overview
from rkkp_portal.labels import EMPLOYER_FIELDS, workplace_label
from steering.compliance import register as compliance_cache
from steering.compliance.register import DueSeat
from steering.models import Membership, Message
from steering.models.people import full_name

LETTERS_SHOWN = 50
CHAIRS_SHOWN = 50


def chairs_without_agreement(region: Region):
    """Active chairs employed in the region with no agreement that is not ended."""
    agreement = BuyOutAgreement.objects.not_ended().filter(membership=OuterRef("pk"))
    return (
        seats_held_in(region)
        .active()
        .chairs()
        .exclude(Exists(agreement))
        .select_related("person", "group__database")
        .order_by("person__last_name")
    )


def seats_without_backing(region: Region):
    # NOT EXISTS, not a LEFT JOIN … IS NULL: PostgreSQL plans it as an anti-join and
    # estimates it well (the join form was counted seat by seat, 4× slower at scale).
    backing = EmployerBacking.objects.filter(membership=OuterRef("pk"))
    return (
        seats_held_in(region)
        .active()
        .exclude(Exists(backing))
        .select_related("person", "group__database")
        .order_by("person__last_name", "group__database__name")
    )


def people_with_seats(region: Region):
    """People employed in the region who hold a current seat (thousands at scale)."""
    return (
        people_employed_in(region)
        .filter(Exists(Membership.objects.current().filter(person=OuterRef("pk"))))
        .order_by("last_name", "first_name", "pk")
    )


class DueSeatRow(TypedDict):
    """A seat ending soon or past its term, with what the region may do about it."""

    seat: DueSeat
    # Only the region's own members are replaced or ended here; other seats have "".
    replace_url: str
    end_url: str


def _due_rows(region: Region, seats: list[DueSeat]) -> list[DueSeatRow]:
    replace = address_for("regions:seat-replace", code=region.code)
    end = address_for("regions:seat-end", code=region.code)
    return [
        DueSeatRow(
            seat=seat, replace_url=replace(seat.membership_id), end_url=end(seat.membership_id)
        )
        if seat.role == Membership.Role.MEMBER
        else DueSeatRow(seat=seat, replace_url="", end_url="")
        for seat in seats
    ]


def region_workspace(region: Region, today: datetime.date) -> dict:
    data = region_overview(compliance_cache.register(today), region.pk, today)
    data["ending"] = _due_rows(region, data["ending"])
    data["holdovers"] = _due_rows(region, data["holdovers"])
    # The first chairs with the count of all of them: a window count over a few hundred
    # rows at scale costs less than a second query.
    chairs = list(
        chairs_without_agreement(region)
        .annotate(total=Window(Count("pk")))
        .values_list("person__first_name", "person__last_name", "group__database__name", "total")[
            :CHAIRS_SHOWN
        ]
    )
    agreements = list(
        agreements_for(region)
        .annotate(outlives=ExpressionWrapper(outlives_its_seat(), output_field=BooleanField()))
        .order_by("-starts_on")
    )
    data.update(
        {
            "open_requests": list(requests_for(region).unanswered().order_by("due_on")),
            # A queryset: the page shows it 50 at a time, as rows (see people_rows).
            "people": people_with_seats(region),
            "letters": list(
                Message.objects.filter(recipient_person__region=region)
                .select_related("recipient_person")
                # What the table shows: not the letters' bodies.
                .only(
                    "kind",
                    "subject",
                    "status",
                    "created_at",
                    "recipient_person__first_name",
                    "recipient_person__last_name",
                )
                .order_by("-created_at")[:LETTERS_SHOWN]
            ),
            "agreements": agreements,
            "outliving": {agreement.pk for agreement in agreements if agreement.outlives},
            "chairs_without_agreement": [
                (full_name(first, last), database) for first, last, database, _total in chairs
            ],
            "chairs_without_agreement_count": chairs[0][3] if chairs else 0,
            # Lazy: the page shows only the count (over a thousand seats at scale).
            "without_backing": seats_without_backing(region),
            "without_backing_count": seats_without_backing(region).count(),
            "support_contacts": list(region.support_contacts.all()),
            "today": today,
        }
    )
    return data


class SeatRow(TypedDict):
    group: str
    role: str
    backed: bool
    backing_url: str
    # The region's own members may be replaced or ended here; other seats have "".
    replace_url: str
    end_url: str


class PersonRow(TypedDict):
    pk: int
    url: str
    name: str
    workplace: str
    seats: list[SeatRow]


def people_rows(region: Region, page: Page) -> None:
    """Turn a page of ``people_with_seats`` into rows with their current seats, read as
    plain values with their addresses built once: two queries, no model instances."""
    people = list(page.object_list.values("pk", "first_name", "last_name", *EMPLOYER_FIELDS))
    seats: dict[int, list[SeatRow]] = {person["pk"]: [] for person in people}
    current = (
        Membership.objects.current()
        .filter(person__in=seats)
        .order_by("group__database__name", "role", "pk")
        .values_list(
            "pk",
            "person_id",
            "role",
            "representing_region_id",
            "employer_backing",
            "group__database__name",
        )
    )
    roles = {value: str(label) for value, label in Membership.Role.choices}
    replace = address_for("regions:seat-replace", code=region.code)
    end = address_for("regions:seat-end", code=region.code)
    backing = address_for("regions:seat-backing", code=region.code)
    for pk, person_id, role, representing, backing_id, database in current:
        own = role == Membership.Role.MEMBER and representing == region.pk
        seats[person_id].append(
            SeatRow(
                group=database,
                role=roles.get(role, role),
                backed=backing_id is not None,
                backing_url=backing(pk),
                replace_url=replace(pk) if own else "",
                end_url=end(pk) if own else "",
            )
        )
    detail = address_for("steering:person-detail")
    page.object_list = [
        PersonRow(
            pk=person["pk"],
            url=detail(person["pk"]),
            name=full_name(person["first_name"], person["last_name"]),
            workplace=workplace_label(*(person[field] for field in EMPLOYER_FIELDS)),
            seats=seats[person["pk"]],
        )
        for person in people
    ]
