"""The outbox's worker side: Celery tasks that take message ids and deliver them, and the
hand-over of ids to the broker. Thin: the work is in ``steering.letters.delivery``."""

import logging
import math

from celery import shared_task
from celery.signals import task_postrun
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from steering.letters import delivery
from steering.privacy.redaction import RedactedError, describe_error

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached; anything else is a bug.
BROKER_ERRORS = (OperationalError, RedisError, ConnectionError, TimeoutError)
# Letters per delivery task: enough to spread a task's and a claim's cost over many
# letters, few enough that a slow SMTP server cannot push a batch past the time limit.
BATCH_SIZE = 25


@task_postrun.connect
def close_stale_database_connections(**kwargs) -> None:
    """Keep the worker's connection between tasks (CELERY_DB_REUSE_MAX), like a web request
    keeps it between requests: closed once older than CONN_MAX_AGE or after an error."""
    if not getattr(kwargs.get("task").request, "is_eager", False):
        close_old_connections()


def enqueue_deliveries(message_ids: list[int], **options) -> int:
    """Hand messages to the broker in batches; returns how many were handed over.

    Never raises: it runs after the commit of the change that queued the letters, and
    that change must not be reported as an error. If the broker is down the rest stay
    queued for the sweeper, with the reason on each letter. Without a broker (the
    embedded default) each batch is delivered here and now, and whatever that raises is
    logged and written on the letters. ``options`` go to ``apply_async`` (a task handing
    letters on routes them to its own queue).
    """
    in_process = deliver_message.app.conf.task_always_eager
    enqueued = 0
    for start in range(0, len(message_ids), BATCH_SIZE):
        chunk = message_ids[start : start + BATCH_SIZE]
        if not in_process:
            # Before publishing: a worker's claim skips a row locked by this update, and
            # would then find nothing to send. Undone below if the broker is out of reach.
            delivery.note_handed_over(chunk)
        try:
            if len(chunk) == 1:
                deliver_message.apply_async(args=[chunk[0]], **options)
            else:
                deliver_batch.apply_async(args=[chunk], **options)
        except Exception as exc:
            if not in_process and isinstance(exc, BROKER_ERRORS):
                waiting = message_ids[start:]
                logger.warning(
                    "Could not enqueue %s message(s); the sweeper will retry: %s",
                    len(waiting),
                    describe_error(exc),
                )
                delivery.note_error(waiting, exc)
                break
            # Delivered in-process and failed outside a letter's own sending (which
            # delivery.deliver_batch records itself): the database, or a bug. The rows say
            # so, and the sweeper (`manage.py sweep_outbox`) hands them out again.
            logger.error(
                "Delivery of message(s) %s failed: %s",
                ", ".join(map(str, chunk)),
                describe_error(exc),
            )
            delivery.note_error(chunk, exc)
            continue
        enqueued += len(chunk)
    return enqueued


def enqueue_delivery(message_id: int) -> bool:
    """Hand a message to the broker; if that fails the sweeper retries later."""
    return enqueue_deliveries([message_id]) == 1


@shared_task(bind=True, acks_late=True, max_retries=delivery.MAX_ATTEMPTS)
def deliver_message(self, message_id: int) -> bool:
    try:
        return delivery.deliver(message_id)
    except Exception as exc:
        if self.request.is_eager:
            # No broker (the embedded mode): the row is back in the queue or failed, and
            # `manage.py sweep_outbox` retries it; the request that queued it must not fail.
            # A failure in its sending is on the row already; one in its claim or after
            # the sending (the database) is written there now.
            logger.warning("Delivery of message %s failed: %s", message_id, describe_error(exc))
            delivery.note_error([message_id], exc)
            return False
        countdown = delivery.seconds_to_next_attempt(
            message_id, unknown=settings.OUTBOX_RETRY_BASE_SECONDS * 2**self.request.retries
        )
        if countdown is None:
            # Failed for good: only a person's retry revives it. Or the database failed
            # after the SMTP server accepted it: no attempt is due either.
            logger.error("Message %s failed for good: %s", message_id, describe_error(exc))
            return False
        # Backoff as the row says (delivery.retry_delay: 30 s, 60 s, 120 s …); the row
        # itself counts attempts, so a retry by the broker and one by Celery are the same.
        # Celery logs a retry's reason: mail errors quote addresses, so it gets a redacted one.
        raise self.retry(exc=RedactedError.of(exc), countdown=countdown) from None


@shared_task(acks_late=True)
def deliver_batch(message_ids: list[int]) -> int:
    """Several letters in one task (see steering/letters/outbox.py, "Batches"); returns how
    many it sent. A letter that failed gets a retry task of its own with the usual backoff,
    and the letters the batch did not get to go back to the broker as a new batch."""
    result = delivery.deliver_batch(message_ids)
    if result.error is None:
        return len(result.sent)
    failed = result.failed
    request = deliver_batch.request
    route = same_queue(request)
    if request.is_eager:
        # As deliver_message: the request that queued the letters must not fail, and
        # `manage.py sweep_outbox` retries the failed one.
        logger.warning("Delivery of message %s failed: %s", failed.pk, describe_error(result.error))
    elif failed.next_attempt_at is None:  # failed for good, or not known to be unsent
        logger.error("Message %s failed for good: %s", failed.pk, describe_error(result.error))
    else:
        countdown = max(0, math.ceil((failed.next_attempt_at - timezone.now()).total_seconds()))
        try:
            deliver_message.apply_async(args=[failed.pk], countdown=countdown, **route)
        except BROKER_ERRORS:  # it stays queued, and the sweeper finds it
            logger.warning("Could not schedule a retry of message %s", failed.pk)
    enqueue_deliveries(result.released, **route)
    return len(result.sent)


def same_queue(request) -> dict:
    """Publishing options that send a task to the queue ``request`` came from, the way
    Celery's own ``retry`` does."""
    info = request.delivery_info or {}
    if info.get("exchange") == "" and info.get("routing_key"):
        return {"queue": info["routing_key"]}
    return {key: info[key] for key in ("exchange", "routing_key") if info.get(key)}
