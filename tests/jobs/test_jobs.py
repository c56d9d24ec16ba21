"""Background jobs: started after commit, run once, progress shown, failures recorded."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from rkkp_portal.jobs import kinds, services
from rkkp_portal.jobs.models import PROGRESS_KEY, Job

pytestmark = pytest.mark.django_db

calls = []


def count_to_total(job, progress):
    calls.append(job.pk)
    for n in range(1, job.total + 1):
        progress(n, 1 if n >= 2 else 0)
    return {"counted": job.total}


def explode(job, progress):
    progress(1, 0)
    raise ValueError("the file went away")


@pytest.fixture(autouse=True)
def test_kinds():
    calls.clear()
    for code, run in (("test_count", count_to_total), ("test_explode", explode)):
        kinds.register(
            kinds.Kind(code=code, label="Test", run=run, result_url=lambda job: "/result/")
        )
    yield
    kinds.KINDS.pop("test_count")
    kinds.KINDS.pop("test_explode")


def test_a_job_runs_after_commit_and_records_its_result(
    secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.start_job(actor=secretariat, kind="test_count", payload={}, total=3)
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED and calls == []
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.state, job.done, job.failures, job.result) == ("done", 3, 1, {"counted": 3})
    assert job.started_at and job.finished_at and cache.get(PROGRESS_KEY % job.pk) is None


def test_a_job_delivered_twice_runs_once(secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_job(actor=secretariat, kind="test_count", payload={}, total=2)
    services.run(job.pk)
    assert calls == [job.pk]


def test_a_job_that_raises_is_recorded_as_failed_and_its_page_says_so(client, secretariat):
    job = Job.objects.create(kind="test_explode", started_by=secretariat, total=5)
    with pytest.raises(ValueError):
        services.run(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.error) == ("failed", 1, "the file went away")
    client.force_login(secretariat)
    page = client.get(reverse("jobs:job-detail", args=[job.pk]))
    assert "stopped because of an error" in page.text or "stoppede på grund af en fejl" in page.text
    assert "the file went away" not in page.text  # the cause is for the logs, not the page


def test_the_progress_box_polls_until_the_job_is_finished(client, secretariat):
    job = Job.objects.create(
        kind="test_count", started_by=secretariat, total=10, state=Job.State.RUNNING
    )
    cache.set(PROGRESS_KEY % job.pk, (4, 1))
    client.force_login(secretariat)
    url = reverse("jobs:job-progress", args=[job.pk])
    running = client.get(url)
    assert (running.context["done"], running.context["failed"]) == (4, 1)
    assert f'data-hx-get="{url}"' in running.text and 'value="4"' in running.text
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=10, failures=1)
    finished = client.get(url)
    assert "data-hx-get" not in finished.text and 'href="/result/"' in finished.text


def test_a_job_is_seen_only_by_whoever_started_it(client, secretariat):
    job = Job.objects.create(kind="test_count", started_by=secretariat, total=1)
    from tests import factories

    client.force_login(factories.make_secretariat())
    assert client.get(reverse("jobs:job-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:job-progress", args=[job.pk])).status_code == 404


def test_an_unknown_kind_is_refused_before_anything_is_written(secretariat):
    with pytest.raises(KeyError):
        services.start_job(actor=secretariat, kind="no_such_kind", payload={}, total=1)
    assert not Job.objects.exists()
