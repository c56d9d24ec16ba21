"""Deliver queued letters exactly once: claim, send over a held SMTP connection, mark sent.

A delivery claims its letters before sending them (``claim_batch``): the rows still queued
are locked with ``SELECT … FOR UPDATE SKIP LOCKED`` and moved to ``sending`` by an update
whose row count is checked, in one short transaction. Each letter is then sent outside
any transaction (SMTP never holds a database lock) and marked ``sent`` in its own
commit. See ``steering.letters.outbox`` for the guarantees and the one accepted duplicate.
"""

import contextlib
import datetime
import logging
import math
import smtplib
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from steering.letters.mail import build_email
from steering.models import Message
from steering.privacy.redaction import describe_error

logger = logging.getLogger(__name__)


MAX_ATTEMPTS = 5


# A held SMTP connection idle for longer than this is reopened rather than trusted:
# servers drop idle clients, and a dead connection would cost the letter an attempt.
SMTP_IDLE_SECONDS = 30

# Pauses between tries of recording a letter the SMTP server accepted as sent, should the
# database fail right then: the letter must not stay "sending" and be sent again.
MARK_SENT_PAUSES = (0.2, 1.0, 3.0)


class ClaimConflict(DatabaseError):
    """Rows locked for a claim changed under the lock: the claim is rolled back, unsent."""


def claim_batch(message_ids: list[int]) -> list[Message]:
    """Move the queued ones of these messages to sending, in the given order, and return
    them as stored (status, claimed_at and attempts included).

    On PostgreSQL ``skip_locked`` passes over a row another worker is claiming at this
    moment instead of waiting for it, and a row it has claimed is no longer queued. SQLite
    has no row locks: there the transaction itself takes the database's write lock at
    BEGIN (``transaction_mode`` IMMEDIATE in settings), so claims run one after another.
    The update repeats the condition and its count is checked, so even a database that
    locked nothing could not hand one letter to two workers: the claim would roll back.
    """
    wanted = list(dict.fromkeys(message_ids))
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk__in=wanted, status=Message.Status.QUEUED)
            .order_by()
        )
        if not claimed:
            return []
        moved = Message.objects.filter(
            pk__in=[message.pk for message in claimed], status=Message.Status.QUEUED
        ).update(
            status=Message.Status.SENDING,
            claimed_at=now,
            next_attempt_at=None,
            attempts=F("attempts") + 1,
        )
        if moved != len(claimed):
            raise ClaimConflict(f"claimed {moved} of {len(claimed)} locked messages")
    by_pk = {}
    for message in claimed:
        message.status, message.claimed_at = Message.Status.SENDING, now
        message.next_attempt_at = None
        message.attempts += 1
        by_pk[message.pk] = message
    return [by_pk[pk] for pk in wanted if pk in by_pk]


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
    bounced: list[int] = field(default_factory=list)


def deliver(message_id: int) -> bool:
    """Send one message. Returns True when this call sent it.

    A failure puts the message back in the queue until its next attempt (or marks it
    failed) and re-raises, so the task can retry with backoff. A refusal (a bounce)
    marks it failed and returns False: there is nothing to retry.
    """
    result = deliver_batch([message_id])
    if result.error is not None:
        raise result.error
    return bool(result.sent)


def deliver_batch(message_ids: list[int]) -> BatchResult:
    """Claim what is still queued of these messages and send it, marking each one sent.

    Stops at the first failure: that letter is put back until its next attempt (or
    failed, see ``record_failure``), the ones not yet tried are released to the queue
    with their attempt undone, and the result says which they are so the task can hand
    them out again. A permanent refusal of one address (a bounce) fails that letter at
    once and the batch goes on, as it does after a database error that a second try of
    ``mark_sent`` gets past.
    """
    result = BatchResult()
    claimed = claim_batch(message_ids)
    for position, message in enumerate(claimed):
        try:
            send(message)
        except Exception as exc:
            record_failure(message, exc)
            if message.bounced:
                # The server works; it refused this one address for good. On with the rest.
                result.bounced.append(message.pk)
                continue
            result.failed, result.error = message, exc
            result.released = [m.pk for m in claimed[position + 1 :]]
            release(result.released)
            return result
        # The one accepted duplicate (see the module docstring): a crash between the SMTP
        # server's acceptance and this update leaves the row in "sending" for the sweeper.
        # Its own durable commit, so that window stays one letter wide.
        if not mark_sent(message.pk):
            # The database is down for longer than the tries took: nothing can be written,
            # so stop here; the unsent rest stays "sending" until its lease runs out.
            result.failed, result.error = message, MarkSentError(message.pk)
            return result
        result.sent.append(message.pk)
    return result


class MarkSentError(DatabaseError):
    """The SMTP server accepted a letter, and the database refused every try to say so."""

    def __init__(self, message_id: int):
        super().__init__(f"message {message_id} was accepted but could not be marked sent")


def is_refusal(exc: BaseException) -> bool:
    """Did the receiving server refuse the letter for good (an SMTP 5xx answer to its
    recipient or its content)? Trying again would get the same answer. A refused sender
    or login is the portal's own set-up, not the address, and is retried as usual."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return isinstance(exc, smtplib.SMTPDataError) and 500 <= exc.smtp_code < 600


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: 30 s after the first attempt, 60 s, 120 s … (the base is
    OUTBOX_RETRY_BASE_SECONDS)."""
    return datetime.timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def record_failure(message: Message, exc: BaseException) -> None:
    """Decide what a failed sending means for the letter, once: failed for good (a
    refusal, or the last attempt), or back in the queue until its next attempt is due."""
    message.bounced = is_refusal(exc)
    if message.bounced or message.attempts >= MAX_ATTEMPTS:
        message.status, message.next_attempt_at = Message.Status.FAILED, None
    else:
        message.status = Message.Status.QUEUED
        message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
    message.last_error = error_text(exc)
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=message.status,
        last_error=message.last_error,
        bounced=message.bounced,
        next_attempt_at=message.next_attempt_at,
    )


def mark_sent(message_id: int) -> bool:
    """Record that the SMTP server accepted the letter; True once it is recorded.

    A database error here (a dropped connection, a cancelled statement) is tried again a
    few times over a new connection: the letter is out, and leaving it "sending" would
    send it a second time once its lease runs out.
    """
    for pause in (*MARK_SENT_PAUSES, None):
        try:
            Message.objects.filter(pk=message_id, status=Message.Status.SENDING).update(
                status=Message.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            return True
        except DatabaseError as exc:
            logger.warning("Could not mark message %s sent: %s", message_id, describe_error(exc))
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
            if pause is None:
                return False
            time.sleep(pause)
    return False


def release(message_ids: list[int]) -> None:
    """Put claimed but untried messages back in the queue as if never picked up."""
    if message_ids:
        Message.objects.filter(pk__in=message_ids, status=Message.Status.SENDING).update(
            status=Message.Status.QUEUED, claimed_at=None, attempts=F("attempts") - 1
        )


def note_handed_over(message_ids: list[int]) -> None:
    """Record that the broker is about to have these letters (the sweeper leaves them
    alone for a while). Only those due: one whose failed attempt set a later time keeps its backoff.
    Never raises (it runs after a commit): unrecorded, the sweeper hands them out early."""
    now = timezone.now()
    try:
        Message.objects.filter(pk__in=message_ids, status=Message.Status.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        ).update(handed_over_at=now, next_attempt_at=None)
    except DatabaseError as exc:
        logger.warning("Could not record a hand-over: %s", describe_error(exc))


def error_text(exc: BaseException) -> str:
    """What a letter's page shows as its last error (the secretariat may read addresses)."""
    return f"{type(exc).__name__}: {exc}"[:2000]


def note_error(message_ids: list[int], exc: BaseException) -> None:
    """Write ``exc`` on those of these letters a failure outside their own sending left
    queued or sending (the broker out of reach, the database failing mid-delivery): their
    page says why they wait, and the sweeper hands them out again. Never raises: if the
    database is what failed, the log line is all that is left."""
    try:
        Message.objects.filter(
            pk__in=message_ids, status__in=[Message.Status.QUEUED, Message.Status.SENDING]
        ).update(last_error=error_text(exc), handed_over_at=None)
    except Exception as note_exc:
        logger.warning(
            "Could not record an error on %s message(s): %s",
            len(message_ids),
            describe_error(note_exc),
        )


def seconds_to_next_attempt(message_id: int, *, unknown: int) -> int | None:
    """How long a letter waits for its next attempt; None if it waits for none (sent,
    failed for good, or claimed by another task). ``unknown`` when the failure was not in
    its sending (the database, in the claim) and the row holds no time."""
    row = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).values(
        "next_attempt_at"
    )
    row = row.first()
    if row is None:
        return None
    if row["next_attempt_at"] is None:
        return unknown
    return max(0, math.ceil((row["next_attempt_at"] - timezone.now()).total_seconds()))
