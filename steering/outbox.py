"""Queue letters in the outbox and deliver them exactly once.

``queue_message`` runs inside the caller's transaction and enqueues delivery only after
commit, so a rolled-back change never sends a letter and a committed one is never lost:
if the broker is down the row stays queued and the sweeper picks it up.

Delivery guarantees, and the one accepted duplicate
---------------------------------------------------
A delivery first *claims* the row with a conditional ``UPDATE … WHERE status = 'queued'``
whose row count is checked, so two workers, or a task the broker hands out twice, never
send the same letter twice. After the SMTP server has accepted the letter the row is
marked ``sent``. If the worker dies between those two moments (the SMTP server said
250, but the ``sent`` update was never committed), the row stays ``sending``; the
sweeper puts it back in the queue after twice the task's time limit and it is sent a
second time. That window is a few milliseconds per letter, and it is the only way a
letter can arrive twice: SMTP has no way to ask "did you already get this one?", and
the alternative (marking it sent before sending) would lose letters instead. Each letter
carries its idempotency key in the ``X-RKKP-Message-Key`` header so a duplicate can be
recognised by the recipient's mail system or by hand.

Batches
-------
All the letters one transaction queues (a roster import, a reminder run) are handed to
the broker after its commit as ``deliver_batch`` tasks of up to ``BATCH_SIZE`` ids; a
lone letter goes as ``deliver_message``. A batch claims its rows in one conditional
``UPDATE … WHERE id = ANY(…) AND status = 'queued' RETURNING *`` (a row another worker
holds is simply not returned), sends them over the worker's held SMTP connection and
marks each one ``sent`` in its own durable commit right after the server accepted it, so
the duplicate window stays one letter per crash. The first failure stops the batch: that
letter goes back to the queue (or to ``failed``) like a single one, and the rows not yet
tried are released unchanged for a new task. A worker killed mid-batch leaves its unsent
rows in ``sending``; the sweeper hands them out again, none of them was sent.
"""

import contextlib
import datetime
import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from steering.models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# What publishing raises when the broker cannot be reached; anything else is a bug.
BROKER_ERRORS = (OperationalError, RedisError, ConnectionError, TimeoutError)
# A queued message nobody picked up within this time is handed to the broker again.
STALE_QUEUED_AFTER = datetime.timedelta(minutes=10)
# A held SMTP connection idle for longer than this is reopened rather than trusted:
# servers drop idle clients, and a dead connection would cost the letter an attempt.
SMTP_IDLE_SECONDS = 30
# Letters per delivery task: enough to spread a task's and a claim's cost over many
# letters, few enough that a slow SMTP server cannot push a batch past the time limit.
BATCH_SIZE = 25


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
    if created and connection.in_atomic_block:
        _pending_ids().append(message.pk)
        transaction.on_commit(_hand_over_pending)
    elif created:  # autocommit: the row is committed already
        enqueue_delivery(message.pk)
    return message, created


def _pending_ids() -> list[int]:
    """The ids queued on this connection (thread) and not yet handed to the broker."""
    pending = getattr(connection, "outbox_pending_ids", None)
    if pending is None:
        pending = connection.outbox_pending_ids = []
    return pending


def _hand_over_pending() -> None:
    """Run after commit, once per queued letter: the first run hands every pending id to
    the broker in batches, the later ones find nothing left.

    Commit callbacks run one after another once nothing is open on the connection, so
    every pending id belongs to the transaction that just committed, or to one rolled
    back (whole or to a savepoint) whose row no longer exists: its task claims nothing.
    """
    pending = _pending_ids()
    message_ids, pending[:] = list(pending), []
    if message_ids:
        enqueue_deliveries(message_ids)


def enqueue_deliveries(message_ids: list[int], **options) -> int:
    """Hand messages to the broker in batches; returns how many were handed over.

    If the broker is down the rest stay queued for the sweeper. ``options`` go to
    ``apply_async`` (a task handing letters on routes them to its own queue).
    """
    from steering.tasks import deliver_batch, deliver_message

    enqueued = 0
    for start in range(0, len(message_ids), BATCH_SIZE):
        chunk = message_ids[start : start + BATCH_SIZE]
        try:
            if len(chunk) == 1:
                deliver_message.apply_async(args=[chunk[0]], **options)
            else:
                deliver_batch.apply_async(args=[chunk], **options)
        except BROKER_ERRORS:  # the broker is down: the rows stay queued for the sweeper
            logger.warning(
                "Could not enqueue %s message(s); the sweeper will retry",
                len(message_ids) - enqueued,
            )
            break
        enqueued += len(chunk)
    return enqueued


def enqueue_delivery(message_id: int) -> bool:
    """Hand a message to the broker; if that fails the sweeper retries later."""
    return enqueue_deliveries([message_id]) == 1


@transaction.atomic
def retry_message(*, actor, message: Message) -> Message:
    """Give a failed letter another attempt; the worker picks it up after commit."""
    if actor is not None and not actor.has_perm("steering.retry_message", message):
        raise PermissionDenied("steering.retry_message")
    # Conditional, so a double click or two people retrying queue it once.
    reset = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, claimed_at=None
    )
    if not reset:
        raise ValidationError(_("Only a failed message can be retried."), code="not_failed")
    transaction.on_commit(lambda: enqueue_delivery(message.pk))
    message.refresh_from_db()
    return message


def claim_batch(message_ids: list[int]) -> list[Message]:
    """Atomically move the queued ones of these messages to sending, in the given order.

    One conditional ``UPDATE … RETURNING``: a row comes back only to the one caller whose
    update matched it, so a row another worker holds (or has sent) is skipped.
    """
    table = connection.ops.quote_name(Message._meta.db_table)
    claimed = {
        message.pk: message
        for message in Message.objects.raw(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "  # noqa: S608 - the table name is ours
            "WHERE id = ANY(%s) AND status = %s RETURNING *",
            [Message.Status.SENDING, timezone.now(), list(message_ids), Message.Status.QUEUED],
        )
    }
    return [claimed[pk] for pk in dict.fromkeys(message_ids) if pk in claimed]


def claim(message_id: int) -> Message | None:
    """Atomically move a queued message to sending; None if someone else has it."""
    claimed = claim_batch([message_id])
    return claimed[0] if claimed else None


def build_email(message: Message, mail_connection=None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        headers={"X-RKKP-Message-Key": message.idempotency_key},
        connection=mail_connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.ics:
        # The MIME method must match the file's METHOD, or Outlook ignores a cancellation.
        method = "CANCEL" if "\nMETHOD:CANCEL" in message.ics else "REQUEST"
        mimetype = f"text/calendar; method={method}; charset=utf-8"
        email.attach("invitation.ics", message.ics, mimetype)
    return email


class _HeldConnection(threading.local):
    """One mail connection per worker process (and thread), reused from letter to letter.

    Opening an SMTP session (TCP, greeting, EHLO, maybe STARTTLS and AUTH) costs more than
    sending a letter, so a worker keeps it open. It is dropped on any error and reopened
    for the next letter, and reopened when the mail settings change (tests) or it has
    been idle too long.
    """

    backend = None
    signature: tuple = ()
    last_used: float = 0.0

    def get(self):
        signature = (
            settings.EMAIL_BACKEND,
            settings.EMAIL_HOST,
            settings.EMAIL_PORT,
            settings.EMAIL_HOST_USER,
            settings.EMAIL_USE_TLS,
            getattr(settings, "EMAIL_USE_SSL", False),
            settings.EMAIL_TIMEOUT,
        )
        idle = time.monotonic() - self.last_used > SMTP_IDLE_SECONDS
        if self.backend is not None and (signature != self.signature or idle):
            self.drop()
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.backend.open()
            self.signature = signature
        self.last_used = time.monotonic()
        return self.backend

    def drop(self) -> None:
        backend, self.backend = self.backend, None
        if backend is not None:
            # A broken connection is being thrown away anyway.
            with contextlib.suppress(Exception):
                backend.close()


held_connection = _HeldConnection()


def send(message: Message) -> None:
    try:
        build_email(message, mail_connection=held_connection.get()).send()
    except Exception:
        held_connection.drop()
        raise


@dataclass
class BatchResult:
    """What a batch did: the ids it sent, and the letter that failed, if one did."""

    sent: list[int] = field(default_factory=list)
    failed: Message | None = None
    error: Exception | None = None
    released: list[int] = field(default_factory=list)


def deliver(message_id: int) -> bool:
    """Send one message. Returns True when this call sent it.

    A failure puts the message back in the queue (or marks it failed after
    ``MAX_ATTEMPTS``) and re-raises, so the task can retry with backoff.
    """
    result = deliver_batch([message_id])
    if result.error is not None:
        raise result.error
    return bool(result.sent)


def deliver_batch(message_ids: list[int]) -> BatchResult:
    """Claim what is still queued of these messages and send it, marking each one sent.

    Stops at the first failure: that letter is put back (or failed, see ``deliver``),
    the ones not yet tried are released to the queue with their attempt undone, and the
    result says which they are so the task can hand them out again.
    """
    result = BatchResult()
    claimed = claim_batch(message_ids)
    for position, message in enumerate(claimed):
        try:
            send(message)
        except Exception as exc:
            result.failed, result.error = message, exc
            next_status = (
                Message.Status.FAILED if message.attempts >= MAX_ATTEMPTS else Message.Status.QUEUED
            )
            Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
                status=next_status, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            result.released = [m.pk for m in claimed[position + 1 :]]
            release(result.released)
            return result
        # The one accepted duplicate (see the module docstring): a crash between the SMTP
        # server's acceptance and this update leaves the row in "sending" for the sweeper.
        # Its own durable commit, so that window stays one letter wide.
        mark_sent(message.pk)
        result.sent.append(message.pk)
    return result


def mark_sent(message_id: int) -> None:
    """The row is sent; plain SQL, as this runs once per letter on the hot path."""
    table = connection.ops.quote_name(Message._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {table} SET "status" = %s, "sent_at" = %s, "last_error" = %s '  # noqa: S608 - the table name is ours
            'WHERE "id" = %s AND "status" = %s',
            [Message.Status.SENT, timezone.now(), "", message_id, Message.Status.SENDING],
        )


def release(message_ids: list[int]) -> None:
    """Put claimed but untried messages back in the queue as if never picked up."""
    if message_ids:
        Message.objects.filter(pk__in=message_ids, status=Message.Status.SENDING).update(
            status=Message.Status.QUEUED, claimed_at=None, attempts=F("attempts") - 1
        )


def has_failed(message_id: int) -> bool:
    return Message.objects.filter(pk=message_id, status=Message.Status.FAILED).exists()


def sweep(now: datetime.datetime | None = None, *, include_recent: bool = False) -> int:
    """Re-enqueue what nobody delivered: stale queued rows and rows stuck in sending."""
    now = now or timezone.now()
    queued_before = now if include_recent else now - STALE_QUEUED_AFTER
    stuck_after = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - stuck_after).update(
        status=Message.Status.QUEUED
    )
    # Never picked up and old enough not to be still on its way through on_commit; or
    # picked up long ago (stuck, or a retry whose task was lost) whatever its age.
    stale = list(
        Message.objects.filter(status=Message.Status.QUEUED)
        .filter(
            Q(claimed_at__isnull=True, created_at__lt=queued_before)
            | Q(claimed_at__lt=now - stuck_after)
        )
        .values_list("pk", flat=True)[:5000]
    )
    # In batches; if the broker is down the rest wait for the next sweep.
    return enqueue_deliveries(stale)
