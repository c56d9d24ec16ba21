"""A roster of thousands of rows is previewed and imported by a real Celery worker, while
the pages stay quick and the progress page shows how far it got."""

import time

from django.urls import reverse

from rkkp_portal.jobs.models import Job
from steering.models import Membership
from tests import factories
from tests.reliability.conftest import reliability_marks, wait_for
from tests.steering.roster_flow import Flow

pytestmark = reliability_marks

ROWS = 1000
REGIONS = ["Region Hovedstaden", "Region Sjælland", "Syddanmark", "midtjylland", "RN"]
# No request of the flow may hold the secretariat for longer than this (seconds).
QUICK = 5.0


def _roster() -> bytes:
    lines = ["Navn;E-mail;Database;Rolle;Region;Periode start"]
    for n in range(ROWS):
        region = REGIONS[n % len(REGIONS)]
        lines.append(f"Medlem Nr{n};medlem{n}@import.example;DTD;medlem;{region};01-01-2025")
    return ("\n".join(lines) + "\n").encode()


class Timed:
    """A client whose every request is timed."""

    def __init__(self, client):
        self.client = client
        self.slowest = 0.0

    def _timed(self, method, *args, **kwargs):
        started = time.monotonic()
        response = getattr(self.client, method)(*args, **kwargs)
        self.slowest = max(self.slowest, time.monotonic() - started)
        return response

    def get(self, *args, **kwargs):
        return self._timed("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._timed("post", *args, **kwargs)


def _follow(client, job: Job, worker) -> list[int]:
    """Poll the progress box as the page does until the job is finished; what it showed."""
    seen = []

    def finished() -> bool:
        box = client.get(reverse("jobs:job-progress", args=[job.pk]))
        seen.append(box.context["done"])
        return box.context["job"].finished

    wait_for(finished, what=f"job {job.pk} to finish", workers=(worker,), seconds=600)
    return seen


def test_a_roster_of_thousands_of_rows_runs_as_a_job_with_progress(worker, client, settings):
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    factories.GroupFactory(database__name="Dansk Testdatabase", database__acronym="DTD")
    for code in ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"):
        factories.region(code)
    client.force_login(secretariat)
    timed = Timed(client)
    # Jobs go to the worker; nothing here runs them in-process.
    flow = Flow(timed, lambda execute: _NoCapture())
    worker.wait_ready()

    started = flow.choose(flow.mapping(_roster(), "stor.csv"))
    assert started.status_code == 302
    preview_job = Job.objects.get(kind="roster_preview")
    assert preview_job.total == ROWS
    seen = _follow(client, preview_job, worker)
    preview_job.refresh_from_db()
    assert preview_job.state == Job.State.DONE, preview_job.error
    assert any(0 < done < ROWS for done in seen), seen  # progress shown while it ran
    assert Membership.objects.count() == 0

    preview = timed.get(reverse("steering:roster-preview", args=[preview_job.pk]))
    result = preview.context["result"]
    assert len(result.rows) == ROWS and not result.has_errors
    assert len(preview.context["page_obj"]) == 100  # the rows come a page at a time

    confirm = timed.post(reverse("steering:roster-import-confirm", args=[preview_job.pk]))
    assert confirm.status_code == 302
    import_job = Job.objects.get(kind="roster_import")
    _follow(client, import_job, worker)
    outcome = timed.get(reverse("steering:roster-result", args=[import_job.pk]))
    assert outcome.context["result"].committed
    assert Membership.objects.count() == ROWS
    assert timed.slowest < QUICK, f"a request took {timed.slowest:.1f} s"


class _NoCapture:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
