"""Celery tasks of the regions app: thin wrappers around the services."""

from celery import shared_task

from regions import services


@shared_task(acks_late=True)
def escalate_appointment_requests() -> int:
    return services.escalate_overdue_requests()
