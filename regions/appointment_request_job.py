"""Asking every region for every missing member, as a background job.

Working out what is missing reads the composition of every group, and each request is a
record and letters to the region's administrators, so the request only starts the job.
Each request is its own transaction: one the region already has (a request sent from
another page meanwhile) is listed as not sent and the others go ahead."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.services.appointment_requests import (
    DEFAULT_DAYS_TO_ANSWER,
    missing_appointments,
    request_missing_appointment,
)
from rkkp_portal.jobs.failures import record_failure
from rkkp_portal.jobs.kinds import Kind, register
from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import set_total, start_job
from rkkp_portal.services import require

KIND = "appointment_requests"


def start_request_job(*, actor, return_to: str) -> Job:
    require(actor, "regions.request_appointment")
    # How many requests it makes is known once the job has read the groups.
    return start_job(actor=actor, kind=KIND, payload={}, total=0, return_to=return_to)


def request_every_missing(job: Job, progress) -> dict:
    actor = job.started_by
    if actor is None:
        raise PermissionDenied("the account that started the job is gone")
    today = timezone.localdate()
    missing = missing_appointments(today)
    set_total(job, len(missing))
    sent, failed, failures = 0, 0, []
    for done, (group, region) in enumerate(missing, start=1):
        try:
            request_missing_appointment(
                actor=actor,
                group=group,
                region=region,
                today=today,
                days_to_answer=DEFAULT_DAYS_TO_ANSWER,
            )
        except Exception as error:
            failed += 1
            record_failure(failures, f"{group.database.name}, {region.name}", error)
        else:
            sent += 1
        progress(done, failed)
    return {"sent": sent, "failures": failures}


register(
    Kind(
        code=KIND,
        label=_("Requests to the regions for missing members"),
        run=request_every_missing,
        outcome_template="regions/_request_job_outcome.html",
    )
)
