"""Roster import: upload, map columns and values, preview every row, then import.

The uploaded table waits in the session until the mapping is chosen; from then on it is
the payload of the preview job, and the import job takes the same payload, so what is
imported is exactly what was previewed. Both run as background jobs (rkkp_portal/jobs),
so a file of thousands of rows never holds a request.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rkkp_portal.jobs.access import get_job_for
from rkkp_portal.jobs.services import start_job
from rkkp_portal.paging import paginate
from rkkp_portal.uploads import upload_limit
from steering.imports import jobs, retention, roster
from steering.imports.forms import ConfirmForm, MappingForm, RosterUploadForm
from steering.imports.reading import MAX_BYTES, RosterFileError, check_size, read_table

SESSION_KEY = "steering_roster_import"
SAMPLE = Path(__file__).resolve().parent.parent / "import_samples" / "roster_sample.csv"
ROWS_PER_PAGE = 100


def _require_secretariat(request: HttpRequest) -> None:
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied


def _import_job(request: HttpRequest, pk: int, kind: str):
    _require_secretariat(request)
    job = get_job_for(request.user, pk)
    if job.kind != kind:
        raise Http404
    return job


@require_http_methods(["GET", "POST"])
@upload_limit(MAX_BYTES)
def roster_import(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # A file past the limit arrived as an empty stand-in (rkkp_portal/uploads.py).
            check_size(upload.size)
            table = read_table(upload.read(), upload.name)
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_KEY] = {"name": upload.name, "table": table}
            return redirect("steering:roster-import-mapping")
    return render(request, "steering/roster_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def roster_import_mapping(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    stored = request.session.get(SESSION_KEY)
    if not stored or "table" not in stored:
        messages.error(request, _("The upload has expired. Upload the file again."))
        return redirect("steering:roster-import")
    form = MappingForm(request.POST or None, table=stored["table"])
    if request.method == "POST" and form.is_valid():
        if form.columns_changed:
            messages.info(request, _("You changed the columns. Check how their values are read."))
            form = MappingForm(table=stored["table"], mapping=form.cleaned_data["mapping"])
        else:
            job = start_job(
                actor=request.user,
                kind=jobs.PREVIEW,
                payload={
                    "name": stored["name"],
                    "table": stored["table"],
                    "mapping": form.cleaned_data["mapping"],
                    "value_map": form.cleaned_data["value_map"],
                },
                total=len(stored["table"]["rows"]),
            )
            # The table stays in the session, so the preview can lead back to the mapping.
            return redirect("jobs:job-detail", job.pk)
    return render(request, "steering/roster_mapping.html", {"form": form, "name": stored["name"]})


@require_GET
def roster_preview(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_job(request, pk, jobs.PREVIEW)
    if not job.finished:
        return redirect("jobs:job-detail", job.pk)
    return _result_page(request, job, "steering/roster_preview.html", {"form": ConfirmForm()})


@require_POST
def roster_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    preview = _import_job(request, pk, jobs.PREVIEW)
    result = _rows(preview)
    if not preview.finished or not result or any(row.errors for row in result):
        messages.error(request, _("This preview cannot be imported. Upload the file again."))
        return redirect("steering:roster-import")
    form = ConfirmForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    job = start_job(
        actor=request.user,
        kind=jobs.IMPORT,
        payload={**preview.payload, "notify": form.cleaned_data["notify"], "preview": preview.pk},
        total=preview.total,
    )
    return redirect("jobs:job-detail", job.pk)


@require_GET
def roster_result(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_job(request, pk, jobs.IMPORT)
    if not job.finished:
        return redirect("jobs:job-detail", job.pk)
    return _result_page(request, job, "steering/roster_result.html", {})


@require_GET
def roster_sample(request: HttpRequest) -> FileResponse:
    _require_secretariat(request)
    return FileResponse(SAMPLE.open("rb"), as_attachment=True, filename="roster_sample.csv")


def _rows(job) -> list[roster.RowResult]:
    return [roster.RowResult.from_dict(row) for row in job.result.get("rows", [])]


def _result_page(request: HttpRequest, job, template: str, context: dict) -> HttpResponse:
    rows = _rows(job)
    result = roster.ImportResult(rows=rows, committed=bool(job.result.get("committed")))
    removed_at = job.result.get(retention.ROWS_REMOVED_AT)
    # Past retention only the number of rows with each outcome is left (imports/retention.py).
    outcomes = job.result["outcomes"] if removed_at else Counter(row.outcome for row in rows)
    page_obj, query = paginate(request, rows, per_page=ROWS_PER_PAGE)
    return render(
        request,
        template,
        {
            "job": job,
            "name": job.result.get("name") or job.payload.get("name", ""),
            "result": result,
            "row_count": sum(outcomes.values()),
            "counts": [
                (label, outcomes[outcome])
                for outcome, label in roster.OUTCOME_LABELS.items()
                if outcomes.get(outcome)
            ],
            "with_notes": sum(1 for row in rows if row.notes),
            "rows_removed_on": parse_datetime(removed_at) if removed_at else None,
            "retention_days": settings.ROSTER_UPLOAD_RETENTION_DAYS,
            "page_obj": page_obj,
            "query_without_page": query,
            **context,
        },
    )
