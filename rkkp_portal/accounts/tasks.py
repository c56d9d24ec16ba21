"""Beat's nightly purge of old sign-in records (settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from rkkp_portal.accounts.signins.record import purge_old_records

logger = logging.getLogger(__name__)


@shared_task
def purge_sign_in_records() -> int:
    result = purge_old_records()
    logger.info("Sign-in records purged: deleted=%s before=%s", result.deleted, result.before)
    return result.deleted
