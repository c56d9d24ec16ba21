"""A region fills its own seats: appoint, replace and end members representing the region.

These wrap the steering services, which check the seat-level permission again, so a
regional administrator can never touch another region's seats from any entry point.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Organisation, Region
from regions.services.appointment_requests import answer_open_requests
from rkkp_portal.services import require
from steering.models import Membership, Person, SteeringGroup
from steering.register.services.memberships import appoint_member, end_membership, register_person

APPOINT = "regions.appoint_in_region"


def _check_person(person: Person, region: Region) -> None:
    if person.region_id != region.pk:
        raise ValidationError(
            {
                "person": _("Only people employed in %(region)s can represent it.")
                % {"region": region}
            }
        )


def _person(actor, region: Region, person: Person | None, new_person: dict | None) -> Person:
    if (person is None) == (new_person is None):
        raise ValidationError(_("Choose an existing person or describe a new one."))
    if person is None:
        person = register_employee(actor=actor, region=region, **new_person)
    _check_person(person, region)
    return person


def register_employee(*, actor, region: Region, employer: Organisation, **details) -> Person:
    """A new person employed by one of the region's organisations."""
    require(actor, APPOINT, region)
    if employer.region_id != region.pk:
        raise ValidationError(
            {"employer": _("Choose a workplace in %(region)s.") % {"region": region}}
        )
    return register_person(actor=actor, employer=employer, **details)


@transaction.atomic
def appoint_in_region(
    *,
    actor,
    region: Region,
    group: SteeringGroup,
    term_start: datetime.date,
    person: Person | None = None,
    new_person: dict | None = None,
    term_end: datetime.date | None = None,
    predecessor: Membership | None = None,
    term_number: int = 1,
) -> Membership:
    """Appoint a regional member (an existing person, or ``new_person`` registered in the
    same transaction); answers the region's waiting request for the group, if any."""
    require(actor, APPOINT, region)
    person = _person(actor, region, person, new_person)
    membership = appoint_member(
        actor=actor,
        person=person,
        group=group,
        role=Membership.Role.MEMBER,
        representing_region=region,
        term_start=term_start,
        term_end=term_end,
        predecessor=predecessor,
        term_number=term_number,
    )
    answer_open_requests(actor=actor, membership=membership)
    return membership


@transaction.atomic
def end_regional_seat(
    *,
    actor,
    region: Region,
    membership: Membership,
    reason: str,
    ended_on: datetime.date | None = None,
) -> Membership:
    require(actor, APPOINT, region)
    if membership.representing_region_id != region.pk or membership.role != Membership.Role.MEMBER:
        raise ValidationError(_("This seat does not represent %(region)s.") % {"region": region})
    return end_membership(actor=actor, membership=membership, ended_on=ended_on, reason=reason)


@transaction.atomic
def replace_member(
    *,
    actor,
    region: Region,
    membership: Membership,
    reason: str,
    successor: Person | None = None,
    new_person: dict | None = None,
    changeover_on: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> Membership:
    """End the seat and appoint the successor in one transaction: both or neither."""
    changeover_on = changeover_on or timezone.localdate()
    if successor is not None and successor.pk == membership.person_id:
        raise ValidationError({"person": _("Choose someone other than the current member.")})
    require(actor, APPOINT, region)
    # The successor is settled before the seat ends; a failure later rolls both back.
    successor = _person(actor, region, successor, new_person)
    ended = end_regional_seat(
        actor=actor, region=region, membership=membership, reason=reason, ended_on=changeover_on
    )
    return appoint_in_region(
        actor=actor,
        region=region,
        group=ended.group,
        person=successor,
        term_start=changeover_on,
        term_end=term_end,
        predecessor=ended,
    )
