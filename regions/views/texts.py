"""The secretariat's page for the common content and obligations of the welcome letter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions import services
from regions.forms import StandardTextForm
from rkkp_portal.forms import add_service_errors
from steering.models import StandardText

EDIT = "regions.edit_standard_texts"


@require_GET
def text_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(EDIT):
        raise PermissionDenied
    texts = list(StandardText.objects.all())
    return render(request, "regions/standard_text_list.html", {"texts": texts})


@require_http_methods(["GET", "POST"])
def text_edit(request: HttpRequest, key: str) -> HttpResponse:
    if not request.user.has_perm(EDIT):
        raise PermissionDenied
    text = StandardText.objects.filter(key=key).first()
    if text is None:
        raise Http404
    form = StandardTextForm(request.POST or None, instance=StandardText.objects.get(pk=text.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_standard_text(actor=request.user, text=text, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The text is saved."))
            return redirect("regions:standard-text-list")
    return render(request, "regions/standard_text_form.html", {"text": text, "form": form})
