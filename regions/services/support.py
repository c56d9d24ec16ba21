"""What a region keeps for its members: the welcome-letter supplement, support contacts and
the record of each member's employer backing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import EmployerBacking, Region, SupportContact, WelcomeLetterSupplement
from rkkp_portal.services import require, save
from steering.models import Membership

MANAGE_REGION = "regions.manage_region"


@transaction.atomic
def set_letter_supplement(*, actor, region: Region, body: str) -> WelcomeLetterSupplement:
    """Replace the region's own text in the welcome letter; history keeps earlier versions."""
    require(actor, MANAGE_REGION, region)
    supplement = WelcomeLetterSupplement.objects.select_for_update().filter(
        region=region
    ).first() or WelcomeLetterSupplement(region=region)
    supplement.body = body.strip()
    supplement.full_clean()
    save(supplement, actor=actor)
    return supplement


def _fill_contact(contact: SupportContact, *, kind, name, email, phone, description) -> None:
    contact.kind = kind
    contact.name = name.strip()
    contact.email = email.strip().lower()
    contact.phone = phone.strip()
    contact.description = description.strip()


@transaction.atomic
def add_support_contact(
    *,
    actor,
    region: Region,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    description: str = "",
) -> SupportContact:
    """Name where members employed in the region get one kind of help."""
    contact = SupportContact(region=region)
    require(actor, "regions.manage_support_contact", contact)
    _fill_contact(contact, kind=kind, name=name, email=email, phone=phone, description=description)
    contact.full_clean()
    save(contact, actor=actor)
    return contact


@transaction.atomic
def change_support_contact(
    *,
    actor,
    contact: SupportContact,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    description: str = "",
) -> SupportContact:
    require(actor, "regions.manage_support_contact", contact)
    locked = SupportContact.objects.select_for_update().get(pk=contact.pk)
    _fill_contact(locked, kind=kind, name=name, email=email, phone=phone, description=description)
    locked.full_clean()
    save(locked, actor=actor)
    return locked


@transaction.atomic
def remove_support_contact(*, actor, contact: SupportContact) -> None:
    """History keeps the removed row, with who removed it."""
    require(actor, "regions.manage_support_contact", contact)
    contact._history_user = actor
    contact.delete()


@transaction.atomic
def record_employer_backing(
    *,
    actor,
    membership: Membership,
    confirmed_on: datetime.date,
    confirmed_by: str,
    notes: str = "",
) -> EmployerBacking:
    """Record (or correct) that the employing management backs the member's group work.

    It is the region of employment that answers for this, so the seat's person must be
    employed in the region the actor administers.
    """
    require(actor, MANAGE_REGION, membership.person.region)
    if membership.person.region_id is None:
        raise ValidationError(_("The member is not employed in a region."))
    backing = EmployerBacking.objects.select_for_update().filter(
        membership=membership
    ).first() or EmployerBacking(membership=membership)
    backing.confirmed_on = confirmed_on
    backing.confirmed_by = confirmed_by.strip()
    backing.notes = notes.strip()
    backing.full_clean()
    save(backing, actor=actor)
    return backing
