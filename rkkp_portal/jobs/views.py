from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rkkp_portal.jobs import kinds
from rkkp_portal.jobs.access import get_job_for


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request.user, pk)
    return render(request, "jobs/job_detail.html", _context(job))


@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress box alone, which the page polls with htmx until the job is finished."""
    job = get_job_for(request.user, pk)
    return render(request, "jobs/_progress.html", _context(job))


def _context(job) -> dict:
    kind = kinds.get(job.kind)
    done, failed = job.progress()
    return {
        "job": job,
        "kind": kind,
        "done": done,
        "failed": failed,
        "result_url": kind.result_url(job) if job.finished and kind.result_url else "",
        # Kinds without a result page show their outcome here.
        "outcome_template": kind.outcome_template if job.state == job.State.DONE else "",
    }
