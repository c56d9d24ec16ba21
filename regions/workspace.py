"""What a region's workspace shows, in a fixed number of queries whatever the region's size."""

import datetime

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch

from regions.access import agreements_for, people_employed_in, requests_for, seats_held_in
from regions.models import BuyOutAgreement, EmployerBacking, Region
from regions.models.buyout import outlives_its_seat
from rkkp_portal.dashboard import region_overview
from steering.compliance import register as compliance_register
from steering.models import Membership, Message

LETTERS_SHOWN = 50
CHAIRS_SHOWN = 15


def chairs_without_agreement(region: Region):
    """Active chairs employed in the region with no open agreement (rejected ones do not count)."""
    agreement = BuyOutAgreement.objects.open().filter(membership=OuterRef("pk"))
    return (
        seats_held_in(region)
        .active()
        .chairs()
        .exclude(Exists(agreement))
        .select_related("person", "group__database")
        .only("person__first_name", "person__last_name", "group__database__name")
        .order_by("person__last_name")
    )


def seats_without_backing(region: Region):
    # NOT EXISTS, not a LEFT JOIN … IS NULL: PostgreSQL plans it as an anti-join and
    # estimates it well (the join form was counted seat by seat, 4× slower at scale).
    backing = EmployerBacking.objects.filter(membership=OuterRef("pk"))
    return seats_held_in(region).active().exclude(Exists(backing))


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


def region_workspace(region: Region, today: datetime.date) -> dict:
    data = region_overview(compliance_register.register(today), region.pk, today)
    # The first chairs by name and the count of them all: two queries, each of which
    # PostgreSQL answers from indexes in under a millisecond at scale (one query with a
    # window count joined every chair to their group and database first: 4-9 ms).
    chairs = chairs_without_agreement(region)
    data.update(
        {
            "open_requests": list(requests_for(region).unanswered().order_by("due_on")),
            "letters": (
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
            "agreements": (
                agreements_for(region)
                .annotate(
                    outlives=ExpressionWrapper(outlives_its_seat(), output_field=BooleanField())
                )
                .order_by("-starts_on")
            ),
            "chairs_without_agreement": chairs[:CHAIRS_SHOWN],
            "chairs_without_agreement_more": max(chairs.count() - CHAIRS_SHOWN, 0),
            "without_backing_count": seats_without_backing(region).count(),
            "today": today,
        }
    )
    return data
