"""Roster import: upload, see what every row would do, then confirm.

The rows read from the upload wait in the session between preview and confirmation, so
the confirmed import is exactly the previewed one.
"""

import hashlib
import json
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rkkp_portal.uploads import upload_limit
from steering.imports import roster
from steering.imports.forms import RosterUploadForm
from steering.imports.reading import MAX_BYTES, RosterFileError, check_size, read_rows

SESSION_KEY = "steering_roster_import"
SAMPLE = Path(__file__).resolve().parent.parent / "import_samples" / "roster_sample.csv"


def _require_secretariat(request: HttpRequest) -> None:
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied


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
            rows = read_rows(upload.read(), upload.name, roster.COLUMNS, roster.REQUIRED)
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            result = roster.run_import(actor=request.user, rows=rows, dry_run=True)
            token = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
            request.session[SESSION_KEY] = {"token": token, "name": upload.name, "rows": rows}
            return _preview(request, result, upload.name, token)
    return render(
        request,
        "steering/roster_import.html",
        {"form": form, "columns": roster.COLUMNS, "required": roster.REQUIRED},
    )


@require_POST
def roster_import_confirm(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    stored = request.session.get(SESSION_KEY)
    if not stored or stored["token"] != request.POST.get("token"):
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("steering:roster-import")
    result = roster.run_import(actor=request.user, rows=stored["rows"], dry_run=False)
    if not result.committed:
        return _preview(request, result, stored["name"], stored["token"])
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("The roster was imported: %(new)d new seats, %(updated)d updated, %(same)d unchanged.")
        % {
            "new": result.count(roster.Outcome.NEW_SEAT)
            + result.count(roster.Outcome.NEW_PERSON_AND_SEAT),
            "updated": result.count(roster.Outcome.UPDATED),
            "same": result.count(roster.Outcome.UNCHANGED),
        },
    )
    return redirect("steering:database-list")


@require_GET
def roster_sample(request: HttpRequest) -> FileResponse:
    _require_secretariat(request)
    return FileResponse(SAMPLE.open("rb"), as_attachment=True, filename="roster_sample.csv")


def _preview(request: HttpRequest, result, name: str, token: str) -> HttpResponse:
    return render(
        request,
        "steering/roster_preview.html",
        {
            "result": result,
            "rows": [(row, roster.OUTCOME_LABELS[row.outcome]) for row in result.rows],
            "name": name,
            "token": token,
            "columns": roster.COLUMNS,
        },
    )
