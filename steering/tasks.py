"""Celery tasks: thin wrappers that take ids and call the outbox service."""

import logging

from celery import shared_task
from celery.signals import task_postrun
from django.conf import settings
from django.db import close_old_connections

from steering import outbox
from steering.privacy.redaction import RedactedError, describe_error

logger = logging.getLogger(__name__)


@task_postrun.connect
def close_stale_database_connections(**kwargs) -> None:
    """Keep the worker's connection between tasks (CELERY_DB_REUSE_MAX), like a web request
    keeps it between requests: closed once older than CONN_MAX_AGE or after an error."""
    if not getattr(kwargs.get("task").request, "is_eager", False):
        close_old_connections()


@shared_task(bind=True, acks_late=True, max_retries=outbox.MAX_ATTEMPTS)
def deliver_message(self, message_id: int) -> bool:
    try:
        return outbox.deliver(message_id)
    except Exception as exc:
        if self.request.is_eager:
            # No broker (the embedded mode): the row is back in the queue or failed, and
            # `manage.py sweep_outbox` retries it; the request that queued it must not fail.
            logger.warning("Delivery of message %s failed: %s", message_id, describe_error(exc))
            return False
        if outbox.has_failed(message_id):
            # The last attempt: the row says failed, and only a person's retry revives it.
            logger.error("Message %s failed for good: %s", message_id, describe_error(exc))
            return False
        # Exponential backoff: 30 s, 60 s, 120 s … (OUTBOX_RETRY_BASE_SECONDS); the row
        # itself counts attempts, so a retry by the broker and one by Celery are the same.
        # Celery logs a retry's reason: mail errors quote addresses, so it gets a redacted one.
        countdown = settings.OUTBOX_RETRY_BASE_SECONDS * 2**self.request.retries
        raise self.retry(exc=RedactedError.of(exc), countdown=countdown) from None


@shared_task(acks_late=True)
def deliver_batch(message_ids: list[int]) -> int:
    """Several letters in one task (see steering/outbox.py, "Batches"); returns how many
    it sent. A letter that failed gets a retry task of its own with the usual backoff,
    and the letters the batch did not get to go back to the broker as a new batch."""
    result = outbox.deliver_batch(message_ids)
    if result.error is None:
        return len(result.sent)
    failed = result.failed
    request = deliver_batch.request
    route = same_queue(request)
    if request.is_eager:
        # As deliver_message: the request that queued the letters must not fail, and
        # `manage.py sweep_outbox` retries the failed one.
        logger.warning("Delivery of message %s failed: %s", failed.pk, describe_error(result.error))
    elif failed.attempts >= outbox.MAX_ATTEMPTS:
        logger.error("Message %s failed for good: %s", failed.pk, describe_error(result.error))
    else:
        countdown = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (failed.attempts - 1)
        try:
            deliver_message.apply_async(args=[failed.pk], countdown=countdown, **route)
        except outbox.BROKER_ERRORS:  # it stays queued, and the sweeper finds it
            logger.warning("Could not schedule a retry of message %s", failed.pk)
    outbox.enqueue_deliveries(result.released, **route)
    return len(result.sent)


def same_queue(request) -> dict:
    """Publishing options that send a task to the queue ``request`` came from, the way
    Celery's own ``retry`` does."""
    info = request.delivery_info or {}
    if info.get("exchange") == "" and info.get("routing_key"):
        return {"queue": info["routing_key"]}
    return {key: info[key] for key in ("exchange", "routing_key") if info.get(key)}


@shared_task
def sweep_outbox() -> int:
    return outbox.sweep()


@shared_task
def send_term_alerts() -> int:
    from steering.alerts import send_term_alerts

    return send_term_alerts()


@shared_task
def send_due_reminders() -> int:
    from steering import reminders

    result = reminders.send_due_reminders()
    return result.reminders + result.nudges


@shared_task
def anonymise_people() -> dict[str, int]:
    """The nightly data-retention run: anonymise those who left long ago, clear old letters."""
    from steering.services.privacy import apply_retention

    result = apply_retention(dry_run=False)
    logger.info("Data retention: %s", result.as_log())
    return result.as_dict()
