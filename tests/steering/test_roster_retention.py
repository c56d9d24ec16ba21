"""An uploaded roster's rows are kept ROSTER_UPLOAD_RETENTION_DAYS, then removed by the
nightly retention run; the jobs' pages still say what happened."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from rkkp_portal.jobs.models import Job
from steering.imports import jobs
from steering.privacy.services import apply_retention
from tests.steering.roster_flow import Flow, sample_register

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "steering" / "import_samples" / "roster_sample.csv"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def imported(client, secretariat, settings, django_capture_on_commit_callbacks):
    """The sample roster previewed and imported by the secretariat: (preview, import)."""
    settings.ROSTER_UPLOAD_RETENTION_DAYS = 30
    sample_register()
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    flow = Flow(client, django_capture_on_commit_callbacks)
    preview = flow.preview(SAMPLE.read_bytes(), "roster_sample.csv")
    result = flow.confirm(preview)
    return preview.context["job"], result.context["job"]


def test_the_rows_are_kept_until_the_period_ends_then_only_the_counts(imported):
    preview, import_job = imported
    assert "table" in Job.objects.get(pk=preview.pk).payload
    assert apply_retention(now=timezone.now() + 29 * DAY).roster_uploads_cleared == 0

    later = timezone.now() + 31 * DAY
    assert apply_retention(now=later).roster_uploads_cleared == 2
    for job in Job.objects.filter(pk__in=[preview.pk, import_job.pk]):
        assert job.payload == {}
        assert "rows" not in job.result
        assert job.result["name"] == "roster_sample.csv"
        assert job.result["outcomes"] == {"new_person_and_seat": 3}
        assert job.result["rows_removed_at"] == later.isoformat()
    assert Job.objects.get(pk=import_job.pk).result["committed"] is True
    # Nothing left to remove: a second run finds nothing.
    assert apply_retention(now=later + DAY).roster_uploads_cleared == 0


def test_other_jobs_and_the_dry_run_are_left_alone(imported):
    other = Job.objects.create(kind="declaration_reminders", result={"rows": [1, 2]})
    Job.objects.filter(pk=other.pk).update(created_at=timezone.now() - 400 * DAY)
    later = timezone.now() + 31 * DAY
    assert apply_retention(dry_run=True, now=later).roster_uploads_cleared == 2
    assert Job.objects.filter(payload__has_key="table").count() == 1
    apply_retention(now=later)
    assert Job.objects.get(pk=other.pk).result == {"rows": [1, 2]}


def test_the_pages_of_a_removed_upload_say_so_and_it_cannot_be_imported(client, imported):
    preview, import_job = imported
    apply_retention(now=timezone.now() + 31 * DAY)

    page = client.get(reverse("steering:roster-preview", args=[preview.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "roster_sample.csv: 3 rows" in text
    assert "The file's rows were deleted on" in text and "kept for 30 days" in text
    assert "New person and new seat: 3" in text
    assert "soren.aalund@import.example" not in text
    assert f'action="{reverse("steering:roster-import-confirm", args=[preview.pk])}"' not in text

    confirm = client.post(reverse("steering:roster-import-confirm", args=[preview.pk]))
    assert confirm.status_code == 302 and confirm["Location"] == reverse("steering:roster-import")
    assert Job.objects.filter(kind=jobs.IMPORT).count() == 1

    result = client.get(reverse("steering:roster-result", args=[import_job.pk]))
    text = result.content.decode()
    assert "roster_sample.csv was imported: 3 rows." in text
    assert "The file's rows were deleted on" in text


def test_an_unusable_period_stops_the_run(settings, imported):
    settings.ROSTER_UPLOAD_RETENTION_DAYS = 0
    with pytest.raises(ImproperlyConfigured):
        apply_retention(now=timezone.now() + 400 * DAY)
    assert Job.objects.filter(payload__has_key="table").count() == 1
