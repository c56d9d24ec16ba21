"""Appointment requests: the secretariat asks, the region answers or declines."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions import services
from regions.access import get_region_for, get_request_for, requests_for
from regions.appointment_request_job import start_request_job
from regions.filters import AppointmentRequestFilter
from regions.forms import AppointmentRequestForm, DeclineForm
from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate


@require_GET
def request_list(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code)
    filterset = AppointmentRequestFilter(
        request.GET, queryset=requests_for(region).order_by("-created_at", "-pk")
    )
    page, query = paginate(request, filterset.qs)
    context = {
        "region": region,
        "filter": filterset,
        "page_obj": page,
        "query_without_page": query,
        "today": timezone.localdate(),
    }
    return render(request, "regions/request_list.html", context)


@require_GET
def request_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code)
    appointment_request = get_request_for(request.user, region, pk)
    # The sitting members asked ahead of their term's end (#22): their answers, and
    # "re-appoint" for whoever may handle the question.
    asks = [
        (ask, request.user.has_perm("steering.handle_succession", ask))
        for ask in appointment_request.succession_asks.select_related(
            "membership__person", "successor"
        )
    ]
    context = {"region": region, "appointment_request": appointment_request, "asks": asks}
    return render(request, "regions/request_detail.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.request_appointment")
    form = AppointmentRequestForm(request.POST or None, initial={"group": request.GET.get("group")})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_appointment(
                actor=request.user, region=region, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is sent to the region."))
            return redirect("regions:request-detail", code=region.code, pk=created.pk)
    return render(request, "regions/request_form.html", {"region": region, "form": form})


@require_http_methods(["GET", "POST"])
def request_decline(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code)
    appointment_request = get_request_for(request.user, region, pk)
    if not request.user.has_perm("regions.answer_request", appointment_request):
        raise PermissionDenied
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_request(
                actor=request.user,
                request=appointment_request,
                reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is declined."))
            return redirect("regions:region-detail", code=region.code)
    context = {"region": region, "appointment_request": appointment_request, "form": form}
    return render(request, "regions/request_decline.html", context)


@require_POST
def request_missing(request: HttpRequest) -> HttpResponse:
    """The secretariat asks every region for every seat the composition rules miss: a
    background job, whose outcome links back to the page the button was on."""
    if not request.user.has_perm("regions.request_appointment"):
        raise PermissionDenied
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        back = reverse("dashboard")
    job = start_request_job(actor=request.user, return_to=back)
    return redirect("jobs:job-detail", job.pk)
