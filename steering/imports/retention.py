"""An uploaded roster is kept only while it is worked on.

The preview job keeps the uploaded table (names, e-mail addresses, phone numbers) so the
import can be built from exactly what was previewed, and both jobs keep what they found in
each row. ``ROSTER_UPLOAD_RETENTION_DAYS`` after the upload, the nightly retention run
(``steering.privacy.services.apply_retention``) removes the table and the rows; the jobs'
records stay with the file's name, whether it was imported and how many rows had each
outcome, so their pages still say what happened.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.utils import timezone

from rkkp_portal.jobs.models import Job
from steering.imports import jobs

# Set on a job's result when its rows are removed (an ISO timestamp).
ROWS_REMOVED_AT = "rows_removed_at"


def uploads_past_retention(now: datetime.datetime | None = None) -> QuerySet[Job]:
    """The roster jobs started more than ``ROSTER_UPLOAD_RETENTION_DAYS`` ago that still
    hold the uploaded table or the rows found in it."""
    days = settings.ROSTER_UPLOAD_RETENTION_DAYS
    if days < 1:
        raise ImproperlyConfigured(f"ROSTER_UPLOAD_RETENTION_DAYS must be at least 1; got {days}")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Job.objects.filter(
        Q(payload__has_key="table") | Q(result__has_key="rows"),
        kind__in=[jobs.PREVIEW, jobs.IMPORT],
        created_at__lt=cutoff,
    )


def remove_old_uploads(now: datetime.datetime | None = None) -> int:
    """Remove the uploaded tables and their rows past retention; returns how many jobs
    held one. A job at a time: a few a month, each with its own result to summarise."""
    now = now or timezone.now()
    removed = 0
    for job in uploads_past_retention(now).only("result"):
        Job.objects.filter(pk=job.pk).update(payload={}, result=summary(job.result, now))
        removed += 1
    return removed


def summary(result: dict, now: datetime.datetime) -> dict:
    """What a job's page still shows once its rows are gone: the file's name, whether it
    was imported and how many rows had each outcome."""
    return {
        "name": result.get("name", ""),
        "committed": bool(result.get("committed")),
        "outcomes": Counter(row["outcome"] for row in result.get("rows", [])),
        ROWS_REMOVED_AT: now.isoformat(),
    }
