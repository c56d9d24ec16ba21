"""Queue letters in the outbox and deliver them exactly once.

``queue_message`` runs inside the caller's transaction and enqueues delivery only after
commit, so a rolled-back change never sends a letter and a committed one is never lost:
if the broker is down the row stays queued and the sweeper picks it up.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from steering.models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# What publishing raises when the broker cannot be reached; anything else is a bug.
BROKER_ERRORS = (OperationalError, RedisError, ConnectionError, TimeoutError)
# A queued message nobody picked up within this time is handed to the broker again.
STALE_QUEUED_AFTER = datetime.timedelta(minutes=10)


def queue_message(
    *,
    kind: str,
    key: str,
    recipient_email: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    person=None,
    group=None,
    language: str = "da",
    ics: str = "",
) -> tuple[Message, bool]:
    """Write one outbox row; a second call with the same key changes nothing."""
    message, created = Message.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "kind": kind,
            "recipient_email": recipient_email,
            "recipient_person": person,
            "group": group,
            "language": language,
            "subject": subject,
            "body_text": body_text,
            "body_html": body_html,
            "ics": ics,
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message, created


def enqueue_delivery(message_id: int) -> None:
    """Hand a message to the broker; if that fails the sweeper retries later."""
    from steering.tasks import deliver_message

    try:
        deliver_message.delay(message_id)
    except BROKER_ERRORS:  # the broker is down: the row stays queued for the sweeper
        logger.warning("Could not enqueue message %s; the sweeper will retry", message_id)


def claim(message_id: int) -> Message | None:
    """Atomically move a queued message to sending; None if someone else has it."""
    claimed = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING,
        claimed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    return Message.objects.get(pk=message_id)


def build_email(message: Message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        headers={"X-RKKP-Message-Key": message.idempotency_key},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.ics:
        email.attach("invitation.ics", message.ics, "text/calendar; method=REQUEST; charset=utf-8")
    return email


def deliver(message_id: int) -> bool:
    """Send one message. Returns True when this call sent it.

    A failure puts the message back in the queue (or marks it failed after
    ``MAX_ATTEMPTS``) and re-raises, so the task can retry with backoff.
    """
    message = claim(message_id)
    if message is None:
        return False
    try:
        build_email(message).send()
    except Exception as exc:
        next_status = (
            Message.Status.FAILED if message.attempts >= MAX_ATTEMPTS else Message.Status.QUEUED
        )
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=next_status, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    # The one accepted duplicate: a crash between the SMTP server's acceptance and this
    # update leaves the row in "sending", and the sweeper will send it again.
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def sweep(now: datetime.datetime | None = None, *, include_recent: bool = False) -> int:
    """Re-enqueue what nobody delivered: stale queued rows and rows stuck in sending."""
    now = now or timezone.now()
    queued_before = now if include_recent else now - STALE_QUEUED_AFTER
    stuck_after = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - stuck_after).update(
        status=Message.Status.QUEUED
    )
    stale = list(
        Message.objects.filter(status=Message.Status.QUEUED)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - stuck_after))
        .filter(created_at__lt=queued_before)
        .values_list("pk", flat=True)[:5000]
    )
    for message_id in stale:
        enqueue_delivery(message_id)
    return len(stale)
