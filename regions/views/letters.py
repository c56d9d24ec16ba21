"""The region's supplement to the welcome letter: edit, earlier versions, preview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions import services
from regions.access import get_region_for
from regions.forms import PreviewForm, SupplementForm
from regions.letter_preview import preview_welcome_letter
from regions.models import WelcomeLetterSupplement
from rkkp_portal.forms import add_service_errors

MANAGE = "regions.manage_region"


@require_http_methods(["GET", "POST"])
def supplement_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    current = WelcomeLetterSupplement.objects.filter(region=region).first()
    form = SupplementForm(request.POST or None, initial={"body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_letter_supplement(
                actor=request.user, region=region, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The region's text is saved."))
            return redirect("regions:letter-preview", code=region.code)
    context = {"region": region, "form": form, "current": current}
    return render(request, "regions/supplement_form.html", context)


@require_GET
def supplement_versions(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    versions = (
        WelcomeLetterSupplement.history.filter(region_id=region.pk)
        .select_related("history_user")
        .order_by("-history_date")[:100]
    )
    context = {"region": region, "versions": list(versions)}
    return render(request, "regions/supplement_versions.html", context)


def _preview(request: HttpRequest, code: str):
    region = get_region_for(request.user, code, MANAGE)
    form = PreviewForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    letter = preview_welcome_letter(
        region=region,
        role=choice.get("role") or PreviewForm.base_fields["role"].choices[0][0],
        language=choice.get("language") or request.LANGUAGE_CODE,
        today=timezone.localdate(),
    )
    return region, form, letter


@require_GET
def letter_preview(request: HttpRequest, code: str) -> HttpResponse:
    region, form, letter = _preview(request, code)
    context = {"region": region, "form": form, "letter": letter, "query": request.GET.urlencode()}
    return render(request, "regions/letter_preview.html", context)


@require_GET
def letter_preview_html(request: HttpRequest, code: str) -> HttpResponse:
    """The HTML e-mail exactly as sent; every user-written part in it is escaped."""
    _region, _form, letter = _preview(request, code)
    return HttpResponse(letter.body_html)
