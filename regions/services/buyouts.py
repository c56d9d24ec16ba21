"""Frikøb: agreements that compensate an employer from the RKKP pool for a member's work.

The region proposes an agreement; the secretariat, which keeps the common pool, approves
or rejects it (``decide_buyout_agreement``), and who decided and when is recorded. The
region then marks an approved agreement active and, in time, completed.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import BuyOutAgreement, Organisation
from rkkp_portal.services import require, save
from steering.models import Membership

Status = BuyOutAgreement.Status
APPROVE = "regions.approve_buyout"
# Agreements move forward only; an ended or rejected one is the record and is not
# reopened. Approval and rejection are not among these: only decide_buyout_agreement
# makes them.
NEXT_STATUSES = {
    Status.PROPOSED: {Status.PROPOSED, Status.ENDED},
    Status.APPROVED: {Status.APPROVED, Status.ACTIVE, Status.ENDED},
    Status.ACTIVE: {Status.ACTIVE, Status.ENDED},
    Status.ENDED: {Status.ENDED},
    Status.REJECTED: {Status.REJECTED},
}
# What the secretariat decides on: once decided, only it may change these (a region may
# still end the agreement earlier, which only lowers what the pool pays).
TERMS = (
    "membership_id",
    "employer_id",
    "starts_on",
    "hours_per_month",
    "fte_share",
    "annual_amount_dkk",
)


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


def _terms(agreement: BuyOutAgreement) -> dict:
    return {name: getattr(agreement, name) for name in (*TERMS, "ends_on")}


def _within(agreement: BuyOutAgreement, decided: dict) -> bool:
    return agreement.ends_on <= decided["ends_on"] and all(
        getattr(agreement, name) == decided[name] for name in TERMS
    )


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
    actor's region too (checked before and after).

    Approval and rejection are the secretariat's decision, not a status to set here.
    Once decided, a region may end the agreement earlier but change no other term.
    """
    require(actor, "regions.manage_buyout", agreement)
    locked = (
        BuyOutAgreement.objects.select_for_update().select_related("employer").get(pk=agreement.pk)
    )
    if status not in NEXT_STATUSES[locked.status]:
        if status in (Status.APPROVED, Status.REJECTED) and locked.status == Status.PROPOSED:
            message = _("The secretariat approves or rejects a proposed agreement.")
        else:
            message = _("An agreement that is %(old)s cannot become %(new)s.") % {
                "old": locked.get_status_display(),
                "new": Status(status).label,
            }
        raise ValidationError({"status": message})
    decided = _terms(locked)
    _fill(locked, **fields)
    if (
        locked.status in BuyOutAgreement.DECIDED
        and not _within(locked, decided)
        and actor is not None
        and not actor.has_perm(APPROVE, locked)
    ):
        raise ValidationError(
            _(
                "The secretariat has decided on these terms. You can end the agreement "
                "earlier; for other changes, ask the secretariat or propose a new agreement."
            ),
            code="decided_terms",
        )
    locked.status = status
    require(actor, "regions.manage_buyout", locked)
    locked.full_clean()
    save(locked, actor=actor)
    return locked


@transaction.atomic
def decide_buyout_agreement(
    *, actor, agreement: BuyOutAgreement, approve: bool, reasoning: str = ""
) -> BuyOutAgreement:
    """The secretariat approves or rejects a proposed agreement (a rejection says why)."""
    require(actor, APPROVE, agreement)
    reasoning = reasoning.strip()
    if not approve and not reasoning:
        raise ValidationError({"reasoning": _("Give the reason for rejecting the agreement.")})
    locked = BuyOutAgreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status != Status.PROPOSED:
        raise ValidationError(
            _("This agreement is already %(status)s.")
            % {"status": locked.get_status_display().lower()},
            code="already_decided",
        )
    locked.status = Status.APPROVED if approve else Status.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.reasoning = reasoning
    locked.full_clean()
    save(locked, actor=actor)
    return locked
