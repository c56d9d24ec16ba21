"""What a region's workspace shows, in a fixed number of queries whatever the region's size."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch

from regions.access import agreements_for, people_employed_in, requests_for, seats_held_in
from regions.models import BuyOutAgreement, EmployerBacking, Region
from rkkp_portal.dashboard import region_overview
from steering.models import Membership, Message

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


def region_workspace(region: Region, today: datetime.date) -> dict:
    data = region_overview(region.pk, today)
    current = Membership.objects.current().select_related("group__database", "employer_backing")
    data.update(
        {
            "open_requests": list(requests_for(region).unanswered().order_by("due_on")),
            # A queryset: the page shows it 50 at a time (a region has thousands at scale).
            "people": people_employed_in(region)
            .filter(Exists(Membership.objects.current().filter(person=OuterRef("pk"))))
            .select_related("employer__parent")
            .prefetch_related(Prefetch("memberships", queryset=current, to_attr="seats"))
            .order_by("last_name", "first_name", "pk"),
            "letters": list(
                Message.objects.filter(recipient_person__region=region)
                .select_related("recipient_person", "group__database")
                .order_by("-created_at")[:LETTERS_SHOWN]
            ),
            "agreements": list(agreements_for(region).order_by("-starts_on")),
            "outliving": set(
                agreements_for(region).outliving_their_seat().values_list("pk", flat=True)
            ),
            # The first few and the count: a large region has hundreds.
            "chairs_without_agreement": list(chairs_without_agreement(region)[:CHAIRS_SHOWN]),
            "chairs_without_agreement_count": chairs_without_agreement(region).count(),
            # Lazy: the page shows only the count (over a thousand seats at scale).
            "without_backing": seats_without_backing(region),
            "without_backing_count": seats_without_backing(region).count(),
            "support_contacts": list(region.support_contacts.all()),
            "today": today,
        }
    )
    return data
