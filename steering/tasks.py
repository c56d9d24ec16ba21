"""The steering app's scheduled jobs (beat, see settings.CELERY_BEAT_SCHEDULE): thin
wrappers around the services, each also a management command. Letter delivery itself is
in ``steering.letters.tasks``."""

import logging

from celery import shared_task

from steering.letters import outbox, term_alerts
from steering.meetings import reminders
from steering.privacy.services import apply_retention
from steering.succession import asking, reappointing

logger = logging.getLogger(__name__)


@shared_task
def sweep_outbox() -> int:
    return outbox.sweep()


@shared_task
def send_term_alerts() -> int:
    return term_alerts.send_term_alerts()


@shared_task
def ask_about_succession() -> int:
    """Carry out the re-appointments whose new term starts today, then ask ahead."""
    reappointing.carry_out_renewals()
    return asking.ask_ahead()


@shared_task
def send_due_reminders() -> int:
    result = reminders.send_due_reminders()
    return result.reminders + result.nudges


@shared_task
def anonymise_people() -> dict[str, int]:
    """The nightly data-retention run: anonymise those who left long ago, clear old letters."""
    result = apply_retention(dry_run=False)
    logger.info("Data retention: %s", result.as_log())
    return result.as_dict()
