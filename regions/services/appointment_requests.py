"""Appointment requests: ask a region to fill a seat, answer or decline, escalate when late.

Letters go through the outbox in the same transaction as the change; their idempotency
keys name the request, the day and the recipient, so a re-run sends nothing twice.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import AppointmentRequest, Region, RegionalAdministrator
from rkkp_portal.accounts.models import User
from rkkp_portal.services import require, save
from steering.compliance import checks as compliance
from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Membership, Message, SteeringGroup, SuccessionAsk
from steering.succession.closing import close_questions

DEFAULT_DAYS_TO_ANSWER = 30


def _region_admins(region_id: int) -> list[User]:
    return [
        a.user
        for a in RegionalAdministrator.objects.filter(
            region_id=region_id, active=True, user__is_active=True
        ).select_related("user")
    ]


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_secretariat=True, is_active=True).order_by("pk"))


def _queue(kind: str, message_kind: str, key: str, user: User, request: AppointmentRequest):
    context = {
        "request": request,
        "group": request.group,
        "database": request.group.database,
        "region": request.region,
        "recipient": user,
        "request_url": settings.SITE_URL
        + reverse("regions:request-detail", kwargs={"code": request.region.code, "pk": request.pk}),
    }
    letter = render_letter(kind, context, settings.LANGUAGE_CODE)
    outbox.queue_message(
        kind=message_kind,
        key=key,
        recipient_email=user.email,
        subject=letter.subject,
        body_text=letter.body_text,
        body_html=letter.body_html,
        group=request.group,
        language=settings.LANGUAGE_CODE,
    )


@transaction.atomic
def request_appointment(
    *,
    actor,
    group: SteeringGroup,
    region: Region,
    reason: str,
    due_on: datetime.date | None = None,
) -> AppointmentRequest:
    """Ask the region to appoint a member to the group; its administrators get a letter."""
    require(actor, "regions.request_appointment", region)
    request = AppointmentRequest(
        group=group,
        region=region,
        reason=reason.strip(),
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS_TO_ANSWER),
    )
    request.full_clean()
    save(request, actor=actor)
    for user in _region_admins(region.pk):
        _queue(
            "appointment_request",
            Message.Kind.APPOINTMENT_REQUEST,
            f"appointment-request:{request.pk}:{user.pk}",
            user,
            request,
        )
    return request


def missing_appointments(today: datetime.date) -> list[tuple[SteeringGroup, Region]]:
    """From the composition rules: each group and region the group has no member from and
    no request waiting for."""
    groups = list(
        SteeringGroup.objects.filter(requires_all_regions=True).select_related("database")
    )
    facts = compliance.facts_for_groups(groups, today)
    regions = list(Region.objects.all())
    waiting = set(AppointmentRequest.objects.unanswered().values_list("group_id", "region_id"))
    missing = []
    for group in groups:
        represented = {s.region_id for s in facts[group.pk].seats}
        missing += [
            (group, region)
            for region in regions
            if region.pk not in represented and (group.pk, region.pk) not in waiting
        ]
    return missing


def request_missing_appointment(
    *, actor, group: SteeringGroup, region: Region, today: datetime.date, days_to_answer: int
) -> AppointmentRequest:
    """The request for one seat ``missing_appointments`` found."""
    return request_appointment(
        actor=actor,
        group=group,
        region=region,
        reason=_("The steering group has no member representing %(region)s.") % {"region": region},
        due_on=today + datetime.timedelta(days=days_to_answer),
    )


@transaction.atomic
def request_missing_appointments(
    *, actor, today: datetime.date | None = None, days_to_answer: int = DEFAULT_DAYS_TO_ANSWER
) -> list[AppointmentRequest]:
    """A request for every group a region is missing from, unless one is already waiting
    (all at once; the page runs it as a job, ``regions/request_job.py``)."""
    require(actor, "regions.request_appointment")
    today = today or timezone.localdate()
    return [
        request_missing_appointment(
            actor=actor, group=group, region=region, today=today, days_to_answer=days_to_answer
        )
        for group, region in missing_appointments(today)
    ]


@transaction.atomic
def decline_request(*, actor, request: AppointmentRequest, reason: str) -> AppointmentRequest:
    require(actor, "regions.answer_request", request)
    locked = AppointmentRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_unanswered:
        raise ValidationError(_("This request has already been answered."))
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Give a reason for declining.")})
    locked.status = AppointmentRequest.Status.DECLINED
    locked.decline_reason = reason.strip()
    locked.answered_at = timezone.now()
    locked.full_clean()
    save(locked, actor=actor)
    return locked


def answer_open_requests(*, actor, membership: Membership) -> list[AppointmentRequest]:
    """An appointment answers the region's waiting request for that group (called inside
    the appointing transaction)."""
    answered = []
    for request in (
        AppointmentRequest.objects.unanswered()
        .select_for_update()
        .filter(group_id=membership.group_id, region_id=membership.representing_region_id)
    ):
        request.status = AppointmentRequest.Status.ANSWERED
        request.membership = membership
        request.answered_at = timezone.now()
        request.full_clean()
        save(request, actor=actor)
        # The seat asked about ahead of its end is filled: the question about it is closed.
        asks = SuccessionAsk.objects.filter(appointment_request=request)
        close_questions(actor=actor, asks=asks)
        answered.append(request)
    return answered


def escalate_overdue_requests(today: datetime.date | None = None) -> int:
    """Escalate every open request past its due date: a reminder to the region's
    administrators and a notice to the secretariat. Returns how many were escalated."""
    today = today or timezone.localdate()
    escalated = 0
    with transaction.atomic():
        # skip_locked: two beat runs (or a run and a manual command) never escalate twice.
        overdue = (
            AppointmentRequest.objects.overdue(today)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("group__database", "region")
        )
        secretariat = None
        for request in overdue:
            request.status = AppointmentRequest.Status.ESCALATED
            request.escalated_at = timezone.now()
            save(request, actor=None)
            for user in _region_admins(request.region_id):
                _queue(
                    "appointment_escalation",
                    Message.Kind.ESCALATION,
                    f"appointment-escalation:{request.pk}:{today.isoformat()}:{user.pk}",
                    user,
                    request,
                )
            secretariat = _secretariat() if secretariat is None else secretariat
            for user in secretariat:
                _queue(
                    "appointment_escalation_notice",
                    Message.Kind.NOTICE,
                    f"appointment-escalation-notice:{request.pk}:{today.isoformat()}:{user.pk}",
                    user,
                    request,
                )
            escalated += 1
    return escalated
