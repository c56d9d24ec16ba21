"""Re-appoint the sitting member from the question about their seat, or from the seat's
own page, in one action.

Ahead of the term's end the decision is recorded on the question (the new term's dates)
and the member stays in office: the seat stays active until the day before the new term
starts, when the daily scan carries the decision out (``carry_out_renewals``). A seat past
its planned end (a holdover) is renewed at once.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rkkp_portal.services import require, save
from steering.models import Membership, SuccessionAsk
from steering.register.services.memberships import (
    edit_membership,
    plan_renewal,
    reappoint_member,
)

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
        _decide_ahead(
            actor=actor, seat=seat, ask=locked, new_term=plan_renewal(actor=actor, old=seat)
        )
    else:
        locked.successor = reappoint_member(actor=actor, membership=seat)
        _decide(actor=actor, ask=locked, answered_by=locked.successor)
    return locked


def _decide(*, actor, ask: SuccessionAsk, answered_by: Membership) -> None:
    """Record the open question ``ask`` as re-appointed by ``actor``, and answer the
    region's request with ``answered_by``: the seat the member keeps, or the new one."""
    ask.status = SuccessionAsk.Status.REAPPOINTED
    ask.decided_by = actor
    ask.decided_at = ask.closed_at = timezone.now()
    ask.full_clean()
    save(ask, actor=actor)
    if ask.appointment_request_id is not None:
        from regions.services.appointment_requests import answer_open_requests

        answer_open_requests(actor=actor, membership=answered_by)


@transaction.atomic
def reappoint_seat(
    *, actor, membership: Membership, today: datetime.date | None = None, **terms
) -> Membership:
    """Re-appoint from the seat's own page, checked as ``reappoint_member`` checks it
    (``terms``: the new term's dates, a chair's term limit exception), and settle the
    seat's succession question as answering it would.

    A new term that starts after today is decided ahead: the member stays in office, the
    question names the new term (a question is recorded if the seat has none) and the daily
    scan creates the new seat on its first day. The current term is set to end the day
    before, as re-appointing at once would end the seat. Returns the seat itself.

    A new term from today or earlier is appointed at once and returned: an open question
    is closed as re-appointed, naming the new seat, and the region's request it raised is
    answered; a re-appointment decided ahead counts as carried out by this one, so the
    daily scan does not try it again."""
    today = today or timezone.localdate()
    seat = Membership.objects.select_for_update().get(pk=membership.pk)
    # One question per seat (a constraint), so at most one.
    ask = SuccessionAsk.objects.filter(membership=seat).select_for_update().first()
    starts, ends, exception = plan_renewal(actor=actor, old=seat, **terms)
    if starts > today:
        return _decide_ahead(actor=actor, seat=seat, ask=ask, new_term=(starts, ends, exception))
    renewed = reappoint_member(
        actor=actor,
        membership=seat,
        term_start=starts,
        term_end=ends,
        term_limit_exception=exception,
    )
    if ask is not None and ask.is_open:
        ask.successor = renewed
        _decide(actor=actor, ask=ask, answered_by=renewed)
    elif ask is not None and ask.is_pending_renewal:
        # Decided ahead (its request answered then): carried out by this seat.
        ask.successor = renewed
        ask.full_clean()
        save(ask, actor=actor)
    return renewed


def _decide_ahead(
    *,
    actor,
    seat: Membership,
    ask: SuccessionAsk | None,
    new_term: tuple[datetime.date, datetime.date, str],
) -> Membership:
    """Record on ``seat``'s question (a new one if there is none) that the member is
    re-appointed for ``new_term`` (its start, end and a chair's term limit exception);
    returns the seat, its term ending the day before the new one starts."""
    from steering.succession.asking import BODY_OF_ROLE

    starts, ends, exception = new_term

    if ask is not None and ask.is_pending_renewal:
        raise ValidationError(
            _(
                "A re-appointment from %(date)s is already recorded. Undo it on the seat's "
                "page to decide on another term."
            )
            % {"date": date_format(ask.renewal_starts)},
            code="decided",
        )
    day_before = starts - datetime.timedelta(days=1)
    if seat.term_end != day_before:
        # The daily scan carries the decision out on the day after the term's end.
        seat = edit_membership(actor=actor, membership=seat, term_end=day_before)
    if ask is None:  # decided before anyone was asked (asked_on stays empty)
        ask = SuccessionAsk(
            membership=seat, body=BODY_OF_ROLE.get(seat.role, SuccessionAsk.Body.SECRETARIAT)
        )
    ask.successor = None  # a successor named when the question was closed is not this term
    ask.renewal_starts, ask.renewal_ends = starts, ends
    ask.term_limit_exception = exception
    ask.close_reason = ""
    _decide(actor=actor, ask=ask, answered_by=seat)
    return seat


@transaction.atomic
def cancel_renewal(
    *, actor, ask: SuccessionAsk, today: datetime.date | None = None
) -> SuccessionAsk:
    """Undo a re-appointment decided ahead, before its new term starts: the question is
    open again, and a region is asked again through a request of its own (its earlier
    request was answered by the decision). A decision taken on the seat's page before
    anyone was asked is removed with its question, so the daily scan asks when the seat is
    due, as if it had not been taken."""
    from steering.succession.asking import request_for_region

    require(actor, "steering.handle_succession", ask)
    today = today or timezone.localdate()
    locked = SuccessionAsk.objects.select_for_update().get(pk=ask.pk)
    if not locked.is_pending_renewal:
        raise ValidationError(_("There is no re-appointment to undo."), code="not_pending")
    if locked.renewal_starts <= today:
        raise ValidationError(_("The re-appointment has taken effect."), code="started")
    if locked.asked_on is None:
        locked._history_user = actor
        locked.delete()
        return locked
    locked.status = SuccessionAsk.Status.OPEN
    locked.renewal_starts = locked.renewal_ends = None
    locked.term_limit_exception = ""
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
                    term_limit_exception=ask.term_limit_exception,
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
