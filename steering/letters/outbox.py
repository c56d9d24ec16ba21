"""Queue letters in the outbox and deliver them exactly once.

``queue_message`` runs inside the caller's transaction and hands the letter over only after
commit, so a rolled-back change never sends a letter and a committed one is never lost.

A committed change is never reported as an error
------------------------------------------------
The hand-over runs after the commit, still inside the request (``transaction.on_commit``),
and never raises (``tasks.enqueue_deliveries``). If the broker cannot be reached the
letters stay queued, each with the reason as its last error, and the sweeper hands them
out again. Without a broker (the embedded default: no ``REDIS_URL``, tasks run eagerly)
the delivery itself runs right there; whatever fails (the SMTP server, the mail backend,
the database) is written on the letter, which goes back to the queue (or to ``failed``
after ``delivery.MAX_ATTEMPTS``), is logged by id without address or name, and is tried
again by ``manage.py sweep_outbox``. The user sees their success either way, and the
letter's page (/outbox/<id>/) says what became of it.

Delivery guarantees, and the one accepted duplicate
---------------------------------------------------
A delivery first *claims* its rows (``delivery.claim_batch``): one short transaction
locks those still queued with ``SELECT … FOR UPDATE SKIP LOCKED`` and moves them to
``sending`` with an update that repeats ``status = 'queued'`` and whose row count is
checked. So two workers, or a task the broker hands out twice, never send the same letter
twice. SQLite has no row locks; there the transaction takes the database's write lock at
``BEGIN IMMEDIATE`` (settings.py), so claims simply run one after another. After the SMTP
server has accepted the letter the row is marked ``sent``. If the worker dies between
those two moments (the SMTP server said 250, but the ``sent`` update was never
committed), the row stays ``sending``; the sweeper puts it back in the queue once its
claim's lease has run out and it is sent a second time, with the same Message-ID. That
window is a few milliseconds per letter, and it is the only way a letter can arrive
twice: SMTP has no way to ask "did you already get this one?", and the alternative
(marking it sent before sending) would lose letters instead. Each letter's Message-ID is
derived from its idempotency key, which it also carries in the ``X-RKKP-Message-Key``
header, so a duplicate can be recognised by the recipient's mail system or by hand.

Batches
-------
All the letters one transaction queues (a roster import, a meeting's invitations) are
handed over after its commit as ``deliver_batch`` tasks of up to ``tasks.BATCH_SIZE``
ids; a lone letter goes as ``deliver_message``. A batch claims its rows in one claim (a
row another worker is claiming is passed over, not waited for; one it has claimed is no
longer queued), sends them over the worker's held SMTP connection and marks each one
``sent`` in its own commit right after the server accepted it, so the duplicate window
stays one letter per crash. SMTP never runs inside a transaction, so no lock is held
while a mail server answers. The first failure stops the batch: that letter goes back to
the queue (or to ``failed``) like a single one, and the rows not yet tried are released
unchanged for a new task. A worker killed mid-batch leaves its unsent rows in
``sending``; the sweeper hands them out again, none of them was sent. A permanent
refusal of one address (a bounce) fails that letter at once and the batch goes on; so
does a database error on marking a letter sent that a second try gets past
(``delivery.mark_sent``).

The sweeper
-----------
It hands out only what nobody else will deliver, so a backlog in the queue is never
flooded with tasks that find nothing to claim (``sweep``, every minute from beat):

- ``sending`` past its claim's lease (the task's hard time limit and ``LEASE_MARGIN``):
  no live worker holds a letter that long, so its worker died. Back to the queue and out.
- ``queued``, never handed to the broker (``handed_over_at`` empty: the broker was down
  or silent) and older than ``HAND_OVER_GRACE``.
- ``queued``, handed over, or due for a retry (``next_attempt_at``), more than
  ``STALE_QUEUED_AFTER`` ago and still not picked up: its task was lost (held by a
  killed worker). Handing it over again resets the clock.

A letter waiting for its next attempt is never handed out before it: its retry task
comes then, and the sweeper steps in only if that task was lost.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from steering.letters.tasks import enqueue_deliveries, enqueue_delivery
from steering.models import Message

# A letter the broker never got is handed over by the sweeper once the after-commit
# hand-over is surely past; one the broker got (or whose retry fell due) and nobody picked
# up within STALE_QUEUED_AFTER is taken as lost. A queue's backlog may take that long, so
# a letter waiting in it is not handed out twice, and each letter at most once that often.
HAND_OVER_GRACE = datetime.timedelta(minutes=1)
STALE_QUEUED_AFTER = datetime.timedelta(minutes=10)
# A claim lives the task's hard time limit and this much more (the sweeper, not the clock
# of one machine, decides it has run out).
LEASE_MARGIN = datetime.timedelta(seconds=30)


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


# Rows per INSERT and per read-back of their ids (bulk_create splits further where the
# database takes fewer parameters).
BULK_SIZE = 500


def queue_messages(messages: list[Message]) -> int:
    """Write many outbox rows (unsaved ``Message`` instances) a few statements per
    ``BULK_SIZE`` rows instead of a few per letter; a row whose key is in the outbox
    already is left as it is. Handed over after the caller's commit like ``queue_message``.
    Returns how many rows were written.

    The unique key decides, not the check before the insert: a request racing this one
    with the same keys writes each row once (``ignore_conflicts``), and the ids read back
    may then include the other request's rows, which is harmless because delivery claims
    each row once."""
    written: list[int] = []
    with transaction.atomic():
        for start in range(0, len(messages), BULK_SIZE):
            batch = messages[start : start + BULK_SIZE]
            known = set(
                Message.objects.filter(
                    idempotency_key__in=[m.idempotency_key for m in batch]
                ).values_list("idempotency_key", flat=True)
            )
            fresh = [m for m in batch if m.idempotency_key not in known]
            if not fresh:
                continue
            Message.objects.bulk_create(fresh, ignore_conflicts=True)
            written += Message.objects.filter(
                idempotency_key__in=[m.idempotency_key for m in fresh]
            ).values_list("pk", flat=True)
        if written:
            _pending_ids().extend(written)
            transaction.on_commit(_hand_over_pending)
    return len(written)


def _pending_ids() -> list[int]:
    """The ids queued on this connection (thread) and not yet handed to the broker."""
    pending = getattr(connection, "outbox_pending_ids", None)
    if pending is None:
        pending = connection.outbox_pending_ids = []
    return pending


def _hand_over_pending() -> None:
    """Run after commit, once per queued letter: the first run hands every pending id to
    the broker in batches, the later ones find nothing left. Never raises (see "A
    committed change is never reported as an error" above).

    Commit callbacks run one after another once nothing is open on the connection, so
    every pending id belongs to the transaction that just committed, or to one rolled
    back (whole or to a savepoint) whose row no longer exists: its task claims nothing.
    """
    pending = _pending_ids()
    message_ids, pending[:] = list(pending), []
    if message_ids:
        enqueue_deliveries(message_ids)


@transaction.atomic
def retry_message(*, actor, message: Message) -> Message:
    """Give a failed letter another attempt; the worker picks it up after commit."""
    if actor is not None and not actor.has_perm("steering.retry_message", message):
        raise PermissionDenied("steering.retry_message")
    # Conditional, so a double click or two people retrying queue it once.
    reset = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, claimed_at=None, next_attempt_at=None, bounced=False
    )
    if not reset:
        raise ValidationError(_("Only a failed message can be retried."), code="not_failed")
    transaction.on_commit(lambda: enqueue_delivery(message.pk))
    message.refresh_from_db()
    return message


def sweep(now: datetime.datetime | None = None, *, include_recent: bool = False) -> int:
    """Hand out again what nobody will deliver: letters whose worker died, and letters the
    broker never got or lost. See "The sweeper" above."""
    now = now or timezone.now()
    grace, stale = (
        (datetime.timedelta(0), datetime.timedelta(0))
        if include_recent
        else (HAND_OVER_GRACE, STALE_QUEUED_AFTER)
    )
    # A live worker is done with its claim within the task's hard time limit (Celery kills
    # it then): a claim older than that belongs to a worker that died.
    lease = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + LEASE_MARGIN
    expired = Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - lease)
    orphans = list(expired.values_list("pk", flat=True)[:5000])
    if orphans:
        expired.filter(pk__in=orphans).update(status=Message.Status.QUEUED, next_attempt_at=None)
    lost = list(
        Message.objects.filter(status=Message.Status.QUEUED)
        .filter(
            # never reached the broker (it was down), and on_commit is long past
            Q(handed_over_at__isnull=True, next_attempt_at__isnull=True, created_at__lt=now - grace)
            # handed over, or due for a retry, long ago and still not picked up: lost
            | Q(next_attempt_at__isnull=True, handed_over_at__lt=now - stale)
            | Q(next_attempt_at__lt=now - stale)
        )
        .values_list("pk", flat=True)[:5000]
    )
    # In batches; if the broker is down the rest wait for the next sweep.
    return enqueue_deliveries(list(dict.fromkeys(orphans + lost)))
