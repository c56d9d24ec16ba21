"""Starting a job, and recording what it does as it runs."""

import datetime
import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from rkkp_portal.jobs import kinds
from rkkp_portal.jobs.models import PROGRESS_KEY, STALE_AFTER, Job

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds); a job of thousands of items would
# otherwise write to the cache for every one.
PROGRESS_EVERY = 0.5
PROGRESS_KEPT_SECONDS = 24 * 3600
# A job the broker never took (it was down or silent) is handed out by the sweeper once
# the after-commit hand-over is surely past. One the broker took and nobody started within
# STALE_QUEUED_AFTER is taken as lost (a killed worker held it) and handed out again, at
# most once that often: while no worker runs, the queue gets one more task per job every
# ten minutes, not every minute. A duplicate task finds the job claimed and stops.
HAND_OVER_GRACE = datetime.timedelta(minutes=1)
STALE_QUEUED_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def start_job(*, actor, kind: str, payload: dict, total: int, return_to: str = "") -> Job:
    """Record the job and enqueue it once the transaction commits. ``return_to`` is the
    local page the outcome links back to."""
    kinds.get(kind)  # an unknown kind fails here, not in the worker
    job = Job.objects.create(
        kind=kind, started_by=actor, payload=payload, total=total, return_to=return_to
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    """Hand the job to the broker. Never raises: it runs after the commit of the request
    that started the job, whose page must not become an error. A broker out of reach
    leaves the job queued for ``sweep``; without a broker the job runs here, and what it
    raises is on its row already."""
    from rkkp_portal.jobs.tasks import run_job

    try:
        run_job.delay(job_id)
    except Exception:
        logger.exception("job %s was not run now; it stays queued for the sweeper", job_id)
        return
    try:
        # Without a broker the job has run by now and is left alone.
        Job.objects.filter(pk=job_id, state__in=[Job.State.QUEUED, Job.State.RUNNING]).update(
            handed_over_at=timezone.now()
        )
    except DatabaseError:
        logger.warning("job %s: its hand-over was not recorded", job_id, exc_info=True)


def sweep(now: datetime.datetime | None = None) -> int:
    """Hand out again the jobs nobody works on: queued and never taken by the broker, or
    taken and not started within ``STALE_QUEUED_AFTER``, or left "running" by a worker
    that died (and not handed out within ``STALE_QUEUED_AFTER``). Returns how many were
    handed out."""
    now = now or timezone.now()
    stale = now - STALE_QUEUED_AFTER
    ids = list(
        Job.objects.filter(
            Q(
                state=Job.State.QUEUED,
                handed_over_at__isnull=True,
                created_at__lt=now - HAND_OVER_GRACE,
            )
            | Q(state=Job.State.QUEUED, handed_over_at__lt=stale)
            | (
                Q(state=Job.State.RUNNING, started_at__lt=now - STALE_AFTER)
                & (Q(handed_over_at__isnull=True) | Q(handed_over_at__lt=stale))
            )
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )
    for job_id in ids:
        enqueue(job_id)
    return len(ids)


def run(job_id: int) -> None:
    """Run a queued job: claim it, do the work, record the outcome.

    The claim is a conditional UPDATE: a task delivered twice runs the job once. A job
    left "running" by a worker that died is claimed again when its task is delivered
    again (``acks_late``); every kind's work is idempotent, so that finishes it."""
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id).claimable(now).update(state=Job.State.RUNNING, started_at=now)
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    figures = {"done": 0, "failed": 0, "written": 0.0}

    def progress(done: int, failed: int) -> None:
        figures["done"], figures["failed"] = min(done, job.total), min(failed, done)
        now = time.monotonic()
        if now - figures["written"] >= PROGRESS_EVERY or done >= job.total:
            figures["written"] = now
            cache.set(
                PROGRESS_KEY % job.pk, (figures["done"], figures["failed"]), PROGRESS_KEPT_SECONDS
            )

    try:
        result = kinds.get(job.kind).run(job, progress)
    except Exception as error:
        _finish(job, figures, state=Job.State.FAILED, result={}, error=str(error) or repr(error))
        raise
    _finish(job, figures, state=Job.State.DONE, result=result, error="")


def set_total(job: Job, total: int) -> None:
    """For a job that learns how many items it has only once it runs."""
    Job.objects.filter(pk=job.pk).update(total=total)
    job.total = total


def _finish(job: Job, figures: dict, *, state: str, result: dict, error: str) -> None:
    # The input is not kept once it is done with (it may hold a whole uploaded table).
    kept = {} if kinds.get(job.kind).keeps_payload else {"payload": {}}
    Job.objects.filter(pk=job.pk).update(
        **kept,
        state=state,
        done=figures["done"],
        failures=figures["failed"],
        result=result,
        error=error,
        finished_at=timezone.now(),
    )
    cache.delete(PROGRESS_KEY % job.pk)
