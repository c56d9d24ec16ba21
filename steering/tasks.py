"""Celery tasks: thin wrappers that take ids and call the outbox service."""

from celery import shared_task

from steering import outbox


@shared_task(bind=True, acks_late=True, max_retries=outbox.MAX_ATTEMPTS)
def deliver_message(self, message_id: int) -> bool:
    try:
        return outbox.deliver(message_id)
    except Exception as exc:
        # Exponential backoff: 30 s, 60 s, 120 s … ; the row itself counts attempts.
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task
def sweep_outbox() -> int:
    return outbox.sweep()
