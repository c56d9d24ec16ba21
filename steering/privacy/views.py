"""The privacy page, and the export of everything held about a person."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from steering.models import Person
from steering.privacy import export

FORMATS = {
    "json": ("application/json; charset=utf-8", export.as_json),
    "csv": ("text/csv; charset=utf-8", export.as_csv),
}


@never_cache
@require_GET
def person_data_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything held about one person, for the secretariat to answer a request of access.

    ``never_cache`` sends ``Cache-Control: no-store``: the file must not stay in a cache.
    """
    if not request.user.has_perm("steering.export_person_data"):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    # The secretariat sees every person, so the plain lookup is the scoped one here.
    person = get_object_or_404(Person, pk=pk)
    content_type, render_as = FORMATS[fmt]
    response = HttpResponse(render_as(export.collect(person)), content_type=content_type)
    stamp = timezone.localdate().isoformat()
    filename = f"personal-data-{person.pk}-{stamp}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
@require_GET
def privacy_page(request: HttpRequest) -> HttpResponse:
    """The privacy notice; its retention periods are read from the settings that run them."""
    anonymise_days = settings.ANONYMISE_AFTER_DAYS
    return render(
        request,
        "privacy/privacy_page.html",
        {
            "anonymise_after_days": anonymise_days,
            "anonymise_after_years": anonymise_days // 365 if anonymise_days % 365 == 0 else None,
            "letter_text_days": settings.OUTBOX_BODY_RETENTION_DAYS,
            "roster_upload_days": settings.ROSTER_UPLOAD_RETENTION_DAYS,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        },
    )
