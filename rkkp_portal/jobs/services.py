"""Starting a job, and recording what it does as it runs."""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from rkkp_portal.jobs import kinds
from rkkp_portal.jobs.models import PROGRESS_KEY, Job

# Progress is written at most this often (seconds); a job of thousands of items would
# otherwise write to the cache for every one.
PROGRESS_EVERY = 0.5
PROGRESS_KEPT_SECONDS = 24 * 3600


@transaction.atomic
def start_job(*, actor, kind: str, payload: dict, total: int) -> Job:
    """Record the job and enqueue it once the transaction commits."""
    from rkkp_portal.jobs.tasks import run_job

    kinds.get(kind)  # an unknown kind fails here, not in the worker
    job = Job.objects.create(kind=kind, started_by=actor, payload=payload, total=total)
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def run(job_id: int) -> None:
    """Run a queued job: claim it, do the work, record the outcome.

    The claim is a conditional UPDATE: a task delivered twice runs the job once."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
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


def _finish(job: Job, figures: dict, *, state: str, result: dict, error: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=state,
        done=figures["done"],
        failures=figures["failed"],
        result=result,
        error=error,
        finished_at=timezone.now(),
    )
    cache.delete(PROGRESS_KEY % job.pk)
