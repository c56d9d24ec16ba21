"""The three bulk actions that run as background jobs: reminders about declarations,
asking every region for missing members, and a letter to a group.

Each POST only records the job (a constant number of queries, whatever the number of
recipients) and redirects to the job's page; the job runs after commit (eagerly here, as
on the embedded default) and the page then shows the outcome, what failed, and the way
back. A task delivered twice runs the job once."""

import dataclasses
import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regions.models import AppointmentRequest
from rkkp_portal.jobs import kinds, services
from rkkp_portal.jobs.models import Job
from steering.models import GroupLetter, Message
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
REMIND = "/declarations/remind/"
REQUEST_MISSING = "/regions/request-missing/"


def _post_counting(client, url, data, capture):
    """The POST's queries, with the job's after-commit run held back."""
    with capture(execute=False), CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.content[:300]
    return response, len(queries)


def _outcome(client, response) -> str:
    job = Job.objects.order_by("-pk").first()
    assert response["Location"] == reverse("jobs:job-detail", args=[job.pk])
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def runs(monkeypatch):
    """Counts how often each kind's work is done."""
    counted: list[str] = []
    for code, kind in list(kinds.KINDS.items()):

        def run(job, progress, _run=kind.run, _code=code):
            counted.append(_code)
            return _run(job, progress)

        monkeypatch.setitem(kinds.KINDS, code, dataclasses.replace(kind, run=run))
    return counted


# --- Reminders about declarations -----------------------------------------------------


def test_the_reminder_post_costs_the_same_for_3_people_as_for_60(
    client, secretariat, group, django_capture_on_commit_callbacks
):
    factories.MembershipFactory.create_batch(3, group=group)
    client.force_login(secretariat)
    client.get("/declarations/")  # warm the session
    totals = []

    def post() -> int:
        _response, queries = _post_counting(
            client, REMIND, {"year": YEAR}, django_capture_on_commit_callbacks
        )
        job = Job.objects.latest("pk")
        assert not Message.objects.filter(created_at__gte=job.created_at).exists()
        # Counting the people is the job's too: it learns its total when it runs.
        totals.append(job.total)
        services.run(job.pk)
        job.refresh_from_db()
        totals.append(job.total)
        return queries

    few = post()
    factories.MembershipFactory.create_batch(57, group=group)
    many = post()
    # the session, the user and their roles, the regions (the filter's choices), whether
    # anyone is missing, the job's INSERT and its savepoint
    assert few == many == 7
    assert totals == [0, 3, 0, 60]


def test_reminders_run_as_a_job_whose_page_shows_the_outcome_and_the_way_back(
    client, secretariat, group, member_seat, chair_seat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"year": YEAR, "group": group.pk})
    page = _outcome(client, response)
    assert "2 påmindelser er sat i kø til afsendelse." in page
    assert f'href="/declarations/?year={YEAR}&amp;group={group.pk}"' in page
    job = Job.objects.get()
    assert (job.state, job.done, job.failures, job.payload) == ("done", 2, 0, {})
    assert Message.objects.filter(kind=Message.Kind.DECLARATION_REMINDER).count() == 2


def test_a_reminder_that_cannot_be_written_is_named_and_the_others_go(
    client, secretariat, group, member_seat, chair_seat, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from steering.selfservice import reminder_job

    real = reminder_job.send_declaration_reminders

    def failing(*, people, **kwargs):
        if member_seat.person_id in set(people.values_list("pk", flat=True)):
            raise RuntimeError("the template is broken")
        return real(people=people, **kwargs)

    monkeypatch.setattr(reminder_job, "send_declaration_reminders", failing)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"year": YEAR})
    page = _outcome(client, response)
    job = Job.objects.get()
    assert (job.state, job.done, job.failures) == ("done", 2, 1)
    assert member_seat.person.full_name in page and "en uventet fejl" in page
    assert "the template is broken" not in page
    sent = Message.objects.filter(kind=Message.Kind.DECLARATION_REMINDER)
    assert [m.recipient_person_id for m in sent] == [chair_seat.person_id]


def test_a_reminder_task_delivered_twice_sends_once(
    secretariat, group, member_seat, runs, django_capture_on_commit_callbacks
):
    from steering.selfservice.reminder_job import start_reminder_job

    with django_capture_on_commit_callbacks(execute=True):
        job = start_reminder_job(actor=secretariat, year=YEAR, parameters={}, back="/")
    services.run(job.pk)
    assert runs == ["declaration_reminders"]
    assert Message.objects.count() == 1


# --- Asking every region --------------------------------------------------------------


def test_asking_every_region_runs_as_a_job_and_links_back_to_the_region(
    client, secretariat, group, member_seat, django_capture_on_commit_callbacks
):
    factories.all_regions()
    client.force_login(secretariat)
    back = reverse("regions:region-detail", args=["hovedstaden"])
    response, queries = _post_counting(
        client, REQUEST_MISSING, {"next": back}, django_capture_on_commit_callbacks
    )
    assert queries <= 8, queries  # session, user, the job's INSERT; no group is read
    assert not AppointmentRequest.objects.exists()
    job = Job.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.enqueue(job.pk)
    page = client.get(response["Location"]).content.decode()
    # The group has Hovedstaden's member; the four other regions are asked.
    assert "4 anmodninger er sendt til regionerne." in page
    assert f'href="{back}"' in page
    assert AppointmentRequest.objects.filter(group=group).count() == 4


def test_a_return_address_elsewhere_is_not_followed(client, secretariat):
    client.force_login(secretariat)
    client.post(REQUEST_MISSING, {"next": "https://evil.example/"})
    assert Job.objects.get().return_to == reverse("dashboard")


def test_a_request_that_cannot_be_sent_is_named_and_the_others_go(
    client, secretariat, group, member_seat, monkeypatch, django_capture_on_commit_callbacks
):
    from regions import appointment_request_job

    factories.all_regions()
    real = appointment_request_job.request_missing_appointment

    def failing(*, region, **kwargs):
        if region.code == "nordjylland":
            raise ValidationError("The region already has an unanswered request.")
        return real(region=region, **kwargs)

    monkeypatch.setattr(appointment_request_job, "request_missing_appointment", failing)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_MISSING)
    page = _outcome(client, response)
    assert "3 anmodninger er sendt" in page
    assert f"{group.database.name}, Region Nordjylland: The region already has" in page
    assert Job.objects.get().failures == 1


def test_asking_twice_from_one_task_asks_once(
    secretariat, group, runs, django_capture_on_commit_callbacks
):
    from regions.appointment_request_job import start_request_job

    factories.all_regions()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_request_job(actor=secretariat, return_to="/")
    services.run(job.pk)
    assert runs == ["appointment_requests"]
    assert AppointmentRequest.objects.count() == 5


# --- A letter to a group --------------------------------------------------------------


def _letter(token, **extra):
    return {"subject": "Nyt møde", "body": "Tekst", "token": str(token), "action": "send", **extra}


def test_sending_a_group_letter_costs_the_same_for_2_members_as_for_40(
    client, secretariat, group, member_seat, django_capture_on_commit_callbacks
):
    factories.MembershipFactory(group=group)
    client.force_login(secretariat)
    url = reverse("steering:group-letter", args=[group.database.slug])
    client.get(url)
    _response, few = _post_counting(
        client, url, _letter(uuid.uuid4()), django_capture_on_commit_callbacks
    )
    factories.MembershipFactory.create_batch(38, group=group)
    _response, many = _post_counting(
        client, url, _letter(uuid.uuid4()), django_capture_on_commit_callbacks
    )
    # the same 19 however many members: no recipient is read, only counted
    assert few == many == 19
    assert list(GroupLetter.objects.values_list("recipient_count", flat=True)) == [40, 2]
    assert not Message.objects.exists()


def test_a_group_letter_copy_that_cannot_be_written_is_named(
    client, secretariat, group, member_seat, chair_seat, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from steering.letters import group_letter_job

    real = group_letter_job.copy_of

    def failing(letter, person, group_url):
        if person.pk == chair_seat.person_id:
            raise RuntimeError("no template")
        return real(letter, person, group_url)

    monkeypatch.setattr(group_letter_job, "copy_of", failing)
    client.force_login(secretariat)
    url = reverse("steering:group-letter", args=[group.database.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _letter(uuid.uuid4()))
    page = _outcome(client, response)
    assert "Brevet “Nyt møde” er på vej til 1 medlem." in page
    assert chair_seat.person.full_name in page
    copies = Message.objects.filter(kind=Message.Kind.GROUP_LETTER)
    assert [m.recipient_person_id for m in copies] == [member_seat.person_id]


def test_a_group_letter_task_delivered_twice_queues_each_copy_once(
    secretariat, group, member_seat, runs, django_capture_on_commit_callbacks
):
    from steering.letters.group_letters import send_group_letter

    with django_capture_on_commit_callbacks(execute=True):
        _letter_row, job = send_group_letter(
            actor=secretariat, group=group, subject="Emne", body="Tekst", token=uuid.uuid4()
        )
    services.run(job.pk)
    assert runs == ["group_letter"]
    assert Message.objects.filter(kind=Message.Kind.GROUP_LETTER).count() == 1


# --- A job whose worker died ----------------------------------------------------------


def test_a_job_left_running_by_a_dead_worker_shows_as_stopped_and_is_run_again(
    client, secretariat, group, member_seat, runs
):
    from steering.selfservice.reminder_job import KIND

    long_ago = timezone.now() - datetime.timedelta(hours=1)
    job = Job.objects.create(
        kind=KIND,
        started_by=secretariat,
        total=1,
        state=Job.State.RUNNING,
        started_at=long_ago,
        payload={"year": YEAR, "filter": {}},
    )
    client.force_login(secretariat)
    page = client.get(reverse("jobs:job-progress", args=[job.pk])).content.decode()
    assert "Stoppet af en fejl" in page and "data-hx-get" not in page
    services.run(job.pk)  # the task delivered again (acks_late), or handed out by the sweeper
    job.refresh_from_db()
    assert (job.state, job.done, runs) == ("done", 1, [KIND])


def test_the_sweeper_hands_out_jobs_that_never_started(secretariat, monkeypatch):
    handed = []
    monkeypatch.setattr(services, "enqueue", handed.append)
    old = Job.objects.create(kind="appointment_requests", started_by=secretariat)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    Job.objects.create(kind="appointment_requests", started_by=secretariat)  # just started
    assert services.sweep() == 1 and handed == [old.pk]


class StoppedBroker:
    """A broker that takes every task and delivers none (no worker runs)."""

    def __init__(self):
        self.tasks = []

    def delay(self, job_id):
        self.tasks.append(job_id)


def test_while_no_worker_runs_a_job_is_handed_out_every_ten_minutes_not_every_minute(
    secretariat, monkeypatch
):
    from rkkp_portal.jobs import tasks

    broker = StoppedBroker()
    monkeypatch.setattr(tasks, "run_job", broker)
    start = timezone.now()
    job = Job.objects.create(kind="appointment_requests", started_by=secretariat)
    services.enqueue(job.pk)  # after the commit that started it
    job.refresh_from_db()
    assert broker.tasks == [job.pk] and job.handed_over_at is not None

    # beat sweeps every minute for an hour
    for minute in range(1, 61):
        now = start + datetime.timedelta(minutes=minute)
        monkeypatch.setattr(timezone, "now", lambda now=now: now)
        services.sweep(now)

    # handed over at 0, then again once ten minutes had passed each time: 11, 22, 33, 44, 55
    assert len(broker.tasks) == 6
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED


def test_a_job_the_broker_never_took_is_handed_out_after_a_minute(secretariat, monkeypatch):
    from rkkp_portal.jobs import tasks

    class DownBroker:
        def delay(self, job_id):
            raise ConnectionError("broker down")

    monkeypatch.setattr(tasks, "run_job", DownBroker())
    job = Job.objects.create(kind="appointment_requests", started_by=secretariat)
    services.enqueue(job.pk)  # logged, never raises
    job.refresh_from_db()
    assert job.handed_over_at is None

    broker = StoppedBroker()
    monkeypatch.setattr(tasks, "run_job", broker)
    assert services.sweep(job.created_at + datetime.timedelta(seconds=30)) == 0
    assert services.sweep(job.created_at + datetime.timedelta(minutes=2)) == 1
    assert broker.tasks == [job.pk]


def test_a_job_of_a_dead_worker_is_handed_out_once_then_waits(secretariat, monkeypatch):
    from rkkp_portal.jobs import tasks

    broker = StoppedBroker()
    monkeypatch.setattr(tasks, "run_job", broker)
    now = timezone.now()
    job = Job.objects.create(
        kind="appointment_requests",
        started_by=secretariat,
        state=Job.State.RUNNING,
        started_at=now - datetime.timedelta(hours=1),
        handed_over_at=now - datetime.timedelta(hours=1),
    )
    assert services.sweep(now) == 1
    assert services.sweep(now + datetime.timedelta(minutes=1)) == 0
    assert services.sweep(now + datetime.timedelta(minutes=11)) == 1
    assert broker.tasks == [job.pk, job.pk]


def test_beat_and_a_command_run_the_job_sweeper(settings, monkeypatch):
    import io

    from django.core.management import call_command

    from rkkp_portal.celery import app

    task = settings.CELERY_BEAT_SCHEDULE["sweep-jobs"]["task"]
    assert task == "rkkp_portal.jobs.tasks.sweep_jobs" and task in app.tasks
    monkeypatch.setattr(services, "sweep", lambda: 3)
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert out.getvalue() == "Handed out 3 job(s) again.\n"
