"""The roster import's two background jobs: the preview (a dry run) and the import.

Both read the uploaded table with the secretariat's mapping from the job's payload, so
the import is exactly what was previewed, and a file of thousands of rows never holds a
request for longer than it takes to read it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rkkp_portal.jobs.kinds import Kind, register
from steering.imports import roster
from steering.imports.reading import rows_from

PREVIEW = "roster_preview"
IMPORT = "roster_import"


def _run(job, progress, *, dry_run: bool) -> dict:
    payload = job.payload
    result = roster.run_import(
        actor=job.started_by,
        rows=rows_from(payload["table"], payload["mapping"]),
        dry_run=dry_run,
        value_map=payload["value_map"],
        notify=payload.get("notify", False),
        progress=progress,
    )
    return {
        "name": payload["name"],
        "committed": result.committed,
        "rows": [row.as_dict() for row in result.rows],
    }


def preview(job, progress) -> dict:
    return _run(job, progress, dry_run=True)


def import_roster(job, progress) -> dict:
    return _run(job, progress, dry_run=False)


register(
    Kind(
        code=PREVIEW,
        label=_("Roster preview"),
        run=preview,
        result_url=lambda job: reverse("steering:roster-preview", args=[job.pk]),
        # The import is built from the preview's payload.
        keeps_payload=True,
    )
)
register(
    Kind(
        code=IMPORT,
        label=_("Roster import"),
        run=import_roster,
        result_url=lambda job: reverse("steering:roster-result", args=[job.pk]),
    )
)
