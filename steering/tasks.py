"""Celery tasks: thin wrappers that take ids and call the outbox service."""

import logging

from celery import shared_task

from steering import outbox

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=outbox.MAX_ATTEMPTS)
def deliver_message(self, message_id: int) -> bool:
    try:
        return outbox.deliver(message_id)
    except Exception as exc:
        if self.request.is_eager:
            # No broker (the embedded mode): the row is back in the queue or failed, and
            # `manage.py sweep_outbox` retries it; the request that queued it must not fail.
            logger.warning("Delivery of message %s failed: %s", message_id, exc)
            return False
        # Exponential backoff: 30 s, 60 s, 120 s … ; the row itself counts attempts.
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task
def sweep_outbox() -> int:
    return outbox.sweep()
