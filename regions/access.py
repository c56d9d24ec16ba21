"""Region-scoped querysets and fetch-and-authorise helpers.

Every lookup below a region's workspace is scoped to that region first, so an object of
another region is 404 whatever its id; the region itself is public knowledge (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from regions.models import (
    AppointmentRequest,
    BuyOutAgreement,
    Organisation,
    Region,
    SupportContact,
)
from steering.models import Membership, Person


def get_region_for(
    user, code: str, perm: str = "regions.open_workspace", regions: QuerySet | None = None
) -> Region:
    """Regions are public knowledge, so an unknown code is 404 and a refused one 403.
    ``regions`` may annotate what the page counts, read in the same query."""
    region = (Region.objects if regions is None else regions).filter(code=code).first()
    if region is None:
        raise Http404
    if not user.has_perm(perm, region):
        raise PermissionDenied
    return region


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """The workplaces whose people the user may list: every active one for the secretariat,
    the region's own for its administrator, none for others (``steering.list_people``)."""
    organisations = Organisation.objects.active()
    if not user.is_authenticated:
        return organisations.none()
    roles = user.roles
    if roles.secretariat:
        return organisations
    if roles.admin_region_id is not None:
        return organisations.filter(region_id=roles.admin_region_id)
    return organisations.none()


def organisations_in(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.active().in_region(region).select_related("parent")


def people_employed_in(region: Region) -> QuerySet[Person]:
    return Person.objects.employed_in(region)


def seats_representing(region: Region) -> QuerySet[Membership]:
    """The seats a region fills itself: current regional members representing it."""
    return (
        Membership.objects.current()
        .representing(region)
        .filter(role=Membership.Role.MEMBER)
        .select_related("person", "group__database")
    )


def seats_held_in(region: Region) -> QuerySet[Membership]:
    """Current seats of people employed in the region, whatever they represent."""
    return Membership.objects.current().filter(person__region=region)


def requests_for(region: Region) -> QuerySet[AppointmentRequest]:
    return AppointmentRequest.objects.for_region(region).select_related(
        "group__database", "membership__person"
    )


def agreements_for(region: Region) -> QuerySet[BuyOutAgreement]:
    return BuyOutAgreement.objects.for_region(region).select_related(
        "membership__person", "membership__group__database", "employer__parent"
    )


def _found(obj):
    if obj is None:
        raise Http404
    return obj


def get_seat_for(user, region: Region, pk: int) -> Membership:
    """A seat representing the region; the caller has authorised the region."""
    return _found(seats_representing(region).filter(pk=pk).first())


def get_held_seat_for(user, region: Region, pk: int) -> Membership:
    return _found(
        seats_held_in(region).select_related("person", "group__database").filter(pk=pk).first()
    )


def get_request_for(user, region: Region, pk: int) -> AppointmentRequest:
    return _found(requests_for(region).filter(pk=pk).first())


def get_contact_for(user, region: Region, pk: int) -> SupportContact:
    contact = _found(SupportContact.objects.filter(region=region, pk=pk).first())
    if not user.has_perm("regions.manage_support_contact", contact):
        raise PermissionDenied
    return contact


def get_agreement_for(user, region: Region, pk: int) -> BuyOutAgreement:
    agreement = _found(agreements_for(region).filter(pk=pk).first())
    if not user.has_perm("regions.manage_buyout", agreement):
        raise PermissionDenied
    return agreement
