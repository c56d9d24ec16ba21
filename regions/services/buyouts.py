"""Frikøb: agreements that compensate an employer from the RKKP pool for a member's work."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import BuyOutAgreement, Organisation
from rkkp_portal.services import require, save
from steering.models import Membership

Status = BuyOutAgreement.Status
# Agreements move forward only; an ended one is the record and is not reopened.
NEXT_STATUSES = {
    Status.PROPOSED: {Status.PROPOSED, Status.APPROVED, Status.ENDED},
    Status.APPROVED: {Status.APPROVED, Status.ACTIVE, Status.ENDED},
    Status.ACTIVE: {Status.ACTIVE, Status.ENDED},
    Status.ENDED: {Status.ENDED},
}


def _fill(
    agreement: BuyOutAgreement,
    *,
    membership: Membership,
    employer: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date,
    annual_amount_dkk: Decimal,
    hours_per_month: Decimal | None,
    fte_share: Decimal | None,
    notes: str,
) -> None:
    if membership.person.region_id is None or membership.person.region_id != employer.region_id:
        raise ValidationError(
            {"employer": _("The employer must be in the region where the member is employed.")}
        )
    agreement.membership = membership
    agreement.employer = employer
    agreement.starts_on = starts_on
    agreement.ends_on = ends_on
    agreement.annual_amount_dkk = annual_amount_dkk
    agreement.hours_per_month = hours_per_month
    agreement.fte_share = fte_share
    agreement.notes = notes.strip()


@transaction.atomic
def propose_buyout_agreement(*, actor, **fields) -> BuyOutAgreement:
    agreement = BuyOutAgreement(status=Status.PROPOSED, employer=fields["employer"])
    require(actor, "regions.manage_buyout", agreement)
    _fill(agreement, **fields)
    agreement.full_clean()
    save(agreement, actor=actor)
    return agreement


@transaction.atomic
def change_buyout_agreement(
    *, actor, agreement: BuyOutAgreement, status: str, **fields
) -> BuyOutAgreement:
    """Change the terms or move the status forward; the new employer must stay in the
    actor's region too (checked before and after)."""
    require(actor, "regions.manage_buyout", agreement)
    locked = (
        BuyOutAgreement.objects.select_for_update().select_related("employer").get(pk=agreement.pk)
    )
    if status not in NEXT_STATUSES[locked.status]:
        raise ValidationError(
            {
                "status": _("An agreement that is %(old)s cannot become %(new)s.")
                % {"old": locked.get_status_display(), "new": Status(status).label}
            }
        )
    _fill(locked, **fields)
    locked.status = status
    require(actor, "regions.manage_buyout", locked)
    locked.full_clean()
    save(locked, actor=actor)
    return locked
