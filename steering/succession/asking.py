"""The daily scan: seats whose planned end is near and that have no successor.

A settable number of days before a seat's planned end (``settings.SUCCESSION_ASK_DAYS``,
or the group's own ``succession_ask_days``) the body that appoints it is asked:

- a regional member's region, through an appointment request (escalated like any other);
- a leadership representative's appointing body, the health directors' circle, by letter;
- a chair's, the secretariat, by letter and as a task on the succession page.

The sitting member is asked at the same time whether they will continue, if the
framework allows them another period. The ``SuccessionAsk`` row, unique per seat
(``one_succession_ask_per_seat``), is written first: a second run, or a concurrent one,
finds it or fails on it and asks nothing; the letters' keys name the row.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from rkkp_portal.services import save
from steering.compliance.chair_terms import chair_term_of
from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Membership, Message, SteeringGroup, SuccessionAsk
from steering.models.memberships import Role
from steering.register.services.memberships import default_term_end
from steering.succession import willingness

logger = logging.getLogger(__name__)

BODY_OF_ROLE = {
    Role.MEMBER: SuccessionAsk.Body.REGION,
    Role.LEADERSHIP: SuccessionAsk.Body.CIRCLE,
    Role.CHAIR: SuccessionAsk.Body.SECRETARIAT,
}


def _successors():
    """A seat already appointed to follow: a current seat for the same role (and region,
    for a regional seat) in the group that starts later and runs past the seat's end."""
    return Membership.objects.current().filter(
        Q(term_end__isnull=True) | Q(term_end__gt=OuterRef("term_end")),
        Q(role__in=[Role.LEADERSHIP, Role.CHAIR])
        | Q(representing_region=OuterRef("representing_region")),
        group=OuterRef("group"),
        role=OuterRef("role"),
        term_start__gt=OuterRef("term_start"),
    )


def seats_to_ask(today: datetime.date) -> list[Membership]:
    """Active seats whose planned end is no more than their group's lead time away (and
    not past), not asked about yet and without a successor; two queries."""
    longest = max(
        settings.SUCCESSION_ASK_DAYS,
        SteeringGroup.objects.aggregate(n=Max("succession_ask_days"))["n"] or 0,
    )
    seats = (
        Membership.objects.active()
        .filter(
            role__in=list(BODY_OF_ROLE),
            term_end__gte=today,
            term_end__lte=today + datetime.timedelta(days=longest),
        )
        .filter(~Exists(SuccessionAsk.objects.filter(membership=OuterRef("pk"))))
        .filter(~Exists(_successors()))
        .select_related("person", "group__database", "representing_region")
        .order_by("term_end", "pk")
    )
    return [
        seat
        for seat in seats
        if seat.term_end <= today + datetime.timedelta(days=seat.group.ask_days)
    ]


def may_continue(seat: Membership) -> bool:
    """Whether the framework allows the member another full period in the seat: only
    chairs have a limit (steering/compliance/registry.py)."""
    chair_term = chair_term_of(seat)
    next_end = default_term_end(seat.term_end + datetime.timedelta(days=1))
    return chair_term is None or chair_term.allows(next_end)


def ask_ahead(today: datetime.date | None = None) -> int:
    """Ask about every seat that is due; returns how many seats were asked about."""
    today = today or timezone.localdate()
    asked = 0
    with transaction.atomic():
        for seat in seats_to_ask(today):
            asked += ask_about_seat(seat, today) is not None
    return asked


def ask_about_seat(seat: Membership, today: datetime.date) -> SuccessionAsk | None:
    """Ask the appointing body and the member about one seat, or nothing if a concurrent
    run has asked already (the constraint decides; this seat's writes roll back)."""
    try:
        with transaction.atomic():
            ask = SuccessionAsk(
                membership=seat,
                body=BODY_OF_ROLE[seat.role],
                asked_on=today,
                member_asked=bool(seat.person.email) and may_continue(seat),
            )
            # The marker first: a concurrent run waits here for this one, then fails.
            if ask.body == SuccessionAsk.Body.REGION:
                ask.appointment_request = request_for_region(seat)
            ask.full_clean()
            save(ask, actor=None)
            if ask.body != SuccessionAsk.Body.REGION:
                _queue_body_letters(ask)
            if ask.member_asked:
                _queue_member_letter(ask)
    except (IntegrityError, ValidationError):
        logger.info("Seat %s was asked about by another run.", seat.pk)
        return None
    return ask


def _reason(seat: Membership) -> str:
    with override(settings.LANGUAGE_CODE):
        return _(
            "The term of %(person)s ends on %(date)s. Appoint the next member, or re-appoint "
            "%(person)s; whether they are willing to continue is shown on this request."
        ) % {"person": seat.person.full_name, "date": date_format(seat.term_end)}


def request_for_region(seat: Membership):
    """The region's waiting request for the group, or a new one (with its letters)."""
    from regions.models import AppointmentRequest
    from regions.services.appointment_requests import request_appointment

    waiting = (
        AppointmentRequest.objects.unanswered()
        .filter(group_id=seat.group_id, region_id=seat.representing_region_id)
        .first()
    )
    if waiting is not None:
        return waiting
    return request_appointment(
        actor=None, group=seat.group, region=seat.representing_region, reason=_reason(seat)
    )


def _body_recipients(ask: SuccessionAsk) -> list:
    from representatives.models import CircleMember
    from rkkp_portal.accounts.models import User

    if ask.body == SuccessionAsk.Body.CIRCLE:
        return [
            c.user
            for c in CircleMember.objects.filter(active=True, user__is_active=True)
            .select_related("user")
            .order_by("user_id")
        ]
    return list(User.objects.filter(is_secretariat=True, is_active=True).order_by("pk"))


def _queue_body_letters(ask: SuccessionAsk) -> None:
    seat = ask.membership
    context = {
        "ask": ask,
        "seat": seat,
        "group": seat.group,
        "database": seat.group.database,
        "list_url": settings.SITE_URL + reverse("steering:succession-list"),
    }
    for user in _body_recipients(ask):
        letter = render_letter("succession_request", context, settings.LANGUAGE_CODE)
        outbox.queue_message(
            kind=Message.Kind.SUCCESSION,
            key=f"succession:{ask.pk}:{user.pk}",
            recipient_email=user.email,
            subject=letter.subject,
            body_text=letter.body_text,
            body_html=letter.body_html,
            group=seat.group,
            language=settings.LANGUAGE_CODE,
        )


def _queue_member_letter(ask: SuccessionAsk) -> None:
    seat = ask.membership
    person = seat.person
    context = {
        "seat": seat,
        "person": person,
        "database": seat.group.database,
        "answer_url": willingness.link(ask),
        "answer_by": willingness.expires_on(ask),
    }
    letter = render_letter("willingness", context, person.language)
    outbox.queue_message(
        kind=Message.Kind.WILLINGNESS,
        key=f"willingness:{ask.pk}",
        recipient_email=person.email,
        subject=letter.subject,
        body_text=letter.body_text,
        body_html=letter.body_html,
        person=person,
        group=seat.group,
        language=person.language,
    )
