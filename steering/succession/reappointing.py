"""Re-appoint the sitting member from the question about their seat, in one action.

Ahead of the term's end the decision is recorded on the question (the new term's dates)
and the member stays in office: the seat stays active until the day before the new term
starts, when the daily scan carries the decision out (``carry_out_renewals``). A seat past
its planned end (a holdover) is renewed at once.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rkkp_portal.services import require, save
from steering.models import Membership, SuccessionAsk
from steering.models.succession import pending_renewal
from steering.register.services.memberships import plan_renewal, reappoint_member

logger = logging.getLogger(__name__)


@transaction.atomic
def reappoint_from_ask(
    *, actor, ask: SuccessionAsk, today: datetime.date | None = None
) -> SuccessionAsk:
    """The next period for the same person, checked as ``reappoint_member`` checks it
    (the seat's own permission and the chair term limit). Before the term has ended the
    new term is recorded on the question and carried out on its first day; after, the
    new seat is appointed at once. Either way the region's request is answered and the
    question is closed."""
    require(actor, "steering.handle_succession", ask)
    today = today or timezone.localdate()
    locked = SuccessionAsk.objects.select_for_update().get(pk=ask.pk)
    if not locked.is_open:
        raise ValidationError(_("This question is already closed."), code="closed")
    if locked.willing == SuccessionAsk.Willing.NO:
        raise ValidationError(
            _("The member does not wish to continue. Appoint someone else."), code="unwilling"
        )
    seat = Membership.objects.select_for_update().get(pk=locked.membership_id)
    if seat.term_end is not None and seat.term_end >= today:
        # Still in office: the decision waits for the new term's first day.
        starts, ends, _exception = plan_renewal(actor=actor, old=seat)
        locked.renewal_starts, locked.renewal_ends = starts, ends
        answered_by = seat
    else:
        locked.successor = answered_by = reappoint_member(actor=actor, membership=seat)
    _decide(actor=actor, ask=locked, answered_by=answered_by)
    return locked


def _decide(*, actor, ask: SuccessionAsk, answered_by: Membership) -> None:
    """Record the open question ``ask`` as re-appointed by ``actor``, and answer the
    region's request with ``answered_by``: the seat the member keeps, or the new one."""
    ask.status = SuccessionAsk.Status.REAPPOINTED
    ask.decided_by = actor
    ask.decided_at = ask.closed_at = timezone.now()
    ask.full_clean()
    save(ask, actor=actor)
    if ask.body == SuccessionAsk.Body.REGION:
        from regions.services.appointment_requests import answer_open_requests

        answer_open_requests(actor=actor, membership=answered_by)


@transaction.atomic
def reappoint_seat(*, actor, membership: Membership, **terms) -> Membership:
    """Re-appoint from the seat's own page (``reappoint_member``, with its checks and
    ``terms``), and settle the seat's succession question as if it had been answered: an
    open question is closed as re-appointed, naming the new seat, and the region's request
    it raised is answered; a re-appointment decided ahead counts as carried out by this
    one, so the daily scan does not try it again."""
    renewed = reappoint_member(actor=actor, membership=membership, **terms)
    # One question per seat (a constraint), so at most one.
    ask = (
        SuccessionAsk.objects.filter(membership=membership)
        .filter(Q(status=SuccessionAsk.Status.OPEN) | pending_renewal())
        .select_for_update()
        .first()
    )
    if ask is not None:
        ask.successor = renewed
        if ask.is_open:
            _decide(actor=actor, ask=ask, answered_by=renewed)
        else:  # decided ahead (its request answered then): carried out by this seat
            ask.full_clean()
            save(ask, actor=actor)
    return renewed


@transaction.atomic
def cancel_renewal(
    *, actor, ask: SuccessionAsk, today: datetime.date | None = None
) -> SuccessionAsk:
    """Undo a re-appointment decided ahead, before its new term starts: the question is
    open again, and a region is asked again through a request of its own (its earlier
    request was answered by the decision)."""
    from steering.succession.asking import request_for_region

    require(actor, "steering.handle_succession", ask)
    today = today or timezone.localdate()
    locked = SuccessionAsk.objects.select_for_update().get(pk=ask.pk)
    if not locked.is_pending_renewal:
        raise ValidationError(_("There is no re-appointment to undo."), code="not_pending")
    if locked.renewal_starts <= today:
        raise ValidationError(_("The re-appointment has taken effect."), code="started")
    locked.status = SuccessionAsk.Status.OPEN
    locked.renewal_starts = locked.renewal_ends = None
    locked.decided_by = locked.decided_at = locked.closed_at = None
    if locked.body == SuccessionAsk.Body.REGION:
        locked.appointment_request = request_for_region(locked.membership)
    locked.full_clean()
    save(locked, actor=actor)
    return locked


def carry_out_renewals(today: datetime.date | None = None) -> int:
    """Carry out every decided re-appointment whose new term has started (or starts
    today); returns how many were carried out. Each in its own transaction, on the
    question's locked row: a second run, or a concurrent one, finds it carried out."""
    today = today or timezone.localdate()
    due = list(
        SuccessionAsk.objects.pending_renewals()
        .filter(renewal_starts__lte=today)
        .order_by("renewal_starts", "pk")
        .values_list("pk", flat=True)
    )
    return sum(_carry_out(pk) for pk in due)


@transaction.atomic
def _carry_out(pk: int) -> bool:
    ask = SuccessionAsk.objects.pending_renewals().select_for_update().filter(pk=pk).first()
    if ask is None:
        return False  # carried out or closed by another run meanwhile
    seat = Membership.objects.select_for_update().select_related("person").get(pk=ask.membership_id)
    problem = _changed_meanwhile(ask, seat)
    if problem is None:
        try:
            with transaction.atomic():
                ask.successor = reappoint_member(
                    actor=None,
                    membership=seat,
                    term_start=ask.renewal_starts,
                    term_end=ask.renewal_ends,
                )
        except ValidationError as error:
            problem = " ".join(error.messages)
    if problem is not None:
        logger.info("Re-appointment %s was not carried out: %s", ask.pk, problem)
        ask.status = SuccessionAsk.Status.CLOSED
        ask.close_reason = problem
        ask.closed_at = timezone.now()
    ask.full_clean()
    save(ask, actor=None)
    return problem is None


def _changed_meanwhile(ask: SuccessionAsk, seat: Membership) -> str | None:
    """Why the decision no longer fits the seat, or None."""
    if seat.status != Membership.Status.ACTIVE:
        return _("The seat ended before the re-appointment took effect.")
    if seat.term_end is None or seat.term_end + datetime.timedelta(days=1) != ask.renewal_starts:
        return _("The seat's term was changed after the re-appointment was decided.")
    return None
