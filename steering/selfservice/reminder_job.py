"""Reminding everyone the declarations overview finds missing, as a background job.

The request records the filter's parameters (the confirmation page showed how many it
finds); the job reads and counts the people with the same filter (someone may have
declared since), sets its total, and sends the
reminders through ``send_declaration_reminders`` a batch at a time, so progress shows and
one letter that cannot be written does not hold back the others."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from rkkp_portal.jobs.failures import record_failure
from rkkp_portal.jobs.kinds import Kind, register
from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import set_total, start_job
from rkkp_portal.services import require
from steering.models import Person
from steering.models.people import full_name
from steering.selfservice.filters import declaration_filter, missing_people
from steering.selfservice.services import send_declaration_reminders

KIND = "declaration_reminders"
BATCH = 100


def start_reminder_job(*, actor, year: int, parameters: dict, back: str) -> Job:
    """The job that reminds everyone ``parameters`` (the overview's filter) finds missing
    ``year``'s declaration; how many they are it learns when it runs (``set_total``)."""
    require(actor, "steering.manage_declarations")
    return start_job(
        actor=actor,
        kind=KIND,
        payload={"year": year, "filter": parameters},
        total=0,
        return_to=back,
    )


def send_reminders(job: Job, progress) -> dict:
    actor, year = job.started_by, job.payload["year"]
    if actor is None:
        raise PermissionDenied("the account that started the job is gone")
    filterset = declaration_filter(actor, job.payload["filter"], year)
    if not filterset.is_valid():
        raise ValueError(f"the filter no longer reads: {filterset.errors.as_json()}")
    ids = list(missing_people(filterset).order_by("pk").values_list("pk", flat=True))
    set_total(job, len(ids))
    queued, failed, failures = 0, 0, []
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        try:
            queued += _remind(actor, year, batch)
        except Exception:
            # One by one, so the others of the batch still get theirs and the one that
            # cannot be written is named.
            for pk in batch:
                try:
                    queued += _remind(actor, year, [pk])
                except Exception as error:
                    failed += 1
                    record_failure(failures, _name(pk), error)
        progress(start + len(batch), failed)
    return {"queued": queued, "skipped": len(ids) - queued - failed, "failures": failures}


def _remind(actor, year: int, ids: list[int]) -> int:
    return send_declaration_reminders(
        actor=actor, year=year, people=Person.objects.filter(pk__in=ids)
    )


def _name(pk: int) -> str:
    person = Person.objects.filter(pk=pk).only("first_name", "last_name").first()
    return full_name(person.first_name, person.last_name) if person else str(pk)


register(
    Kind(
        code=KIND,
        label=_("Reminders about declarations of interests"),
        run=send_reminders,
        outcome_template="declarations/_reminder_outcome.html",
    )
)
