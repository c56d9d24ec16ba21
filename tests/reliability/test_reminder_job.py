"""Reminders to hundreds of members about their declarations are sent by a real Celery
worker as a background job, while the secretariat's requests stay quick."""

from django.urls import reverse
from django.utils import timezone

from rkkp_portal.jobs.models import Job
from steering.models import Message
from tests import factories
from tests.reliability.conftest import reliability_marks, wait_for
from tests.reliability.test_roster_job import QUICK, Timed

pytestmark = reliability_marks

PEOPLE = 400


def test_reminders_to_hundreds_run_as_a_job_on_a_worker(worker, client):
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    group = factories.GroupFactory()
    factories.MembershipFactory.create_batch(PEOPLE, group=group)
    client.force_login(secretariat)
    timed = Timed(client)
    worker.wait_ready()
    year = timezone.localdate().year

    confirm = timed.get(reverse("steering:declaration-remind"), {"year": year})
    assert confirm.context["count"] == PEOPLE
    started = timed.post(reverse("steering:declaration-remind"), {"year": year})
    job = Job.objects.get(kind="declaration_reminders")
    assert started["Location"] == reverse("jobs:job-detail", args=[job.pk])

    def finished() -> bool:
        box = timed.get(reverse("jobs:job-progress", args=[job.pk]))
        return box.context["job"].finished

    wait_for(finished, what=f"job {job.pk} to finish", workers=(worker,), seconds=300)
    job.refresh_from_db()
    # The job counted the people when it ran.
    assert (job.state, job.total, job.done, job.failures, job.payload) == (
        "done",
        PEOPLE,
        PEOPLE,
        0,
        {},
    ), job.error
    assert job.result["queued"] == PEOPLE
    reminders = Message.objects.filter(kind=Message.Kind.DECLARATION_REMINDER)
    assert reminders.count() == PEOPLE
    outcome = timed.get(reverse("jobs:job-detail", args=[job.pk])).content.decode()
    assert f"{PEOPLE} påmindelser er sat i kø" in outcome
    assert timed.slowest < QUICK, f"a request took {timed.slowest:.1f} s"
