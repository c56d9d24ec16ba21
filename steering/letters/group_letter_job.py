"""The job that queues a group letter's copies, a batch at a time, with progress.

Each copy's key names the letter and the person, so a job run again (a task delivered
twice, a worker that died) writes only the copies still missing."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rkkp_portal.jobs.failures import record_failure
from rkkp_portal.jobs.kinds import Kind, register
from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import set_total
from steering.letters import outbox
from steering.letters.group_letters import JOB_KIND, copy_of, reachable
from steering.models import GroupLetter
from steering.models.people import full_name

BATCH = 50


def queue_copies(job: Job, progress) -> dict:
    letter = GroupLetter.objects.select_related("group__database", "region").get(
        pk=job.payload["letter"]
    )
    people = list(
        reachable(letter.group, roles=letter.roles, region=letter.region).only(
            "first_name", "last_name", "email", "language"
        )
    )
    set_total(job, len(people))
    group_url = settings.SITE_URL + letter.group.database.get_absolute_url()
    queued, failed, failures = 0, 0, []
    for start in range(0, len(people), BATCH):
        copies = []
        for person in people[start : start + BATCH]:
            try:
                copies.append(copy_of(letter, person, group_url))
            except Exception as error:
                failed += 1
                record_failure(failures, full_name(person.first_name, person.last_name), error)
        outbox.queue_messages(copies)
        queued += len(copies)
        progress(min(start + BATCH, len(people)), failed)
    if people and len(people) != letter.recipient_count:
        # Seats changed between the sending and the job: the record says who it went to.
        GroupLetter.objects.filter(pk=letter.pk).update(recipient_count=len(people))
    return {"subject": letter.subject, "queued": queued, "failures": failures}


register(
    Kind(
        code=JOB_KIND,
        label=_("Letter to a steering group"),
        run=queue_copies,
        outcome_template="steering/_group_letter_outcome.html",
    )
)
