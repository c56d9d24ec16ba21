"""Appoint, replace and end the seats that represent a region; record employer backing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regions import services
from regions.access import get_held_seat_for, get_region_for, get_seat_for
from regions.forms import AppointForm, EmployerBackingForm, EndSeatForm, ReplaceForm
from rkkp_portal.forms import add_service_errors

APPOINT = "regions.appoint_in_region"


@require_http_methods(["GET", "POST"])
def seat_appoint(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, APPOINT)
    initial = {"group": request.GET.get("group")}
    form = AppointForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            seat = services.appoint_in_region(
                actor=request.user,
                region=region,
                group=form.cleaned_data["group"],
                person=form.cleaned_data["person"],
                new_person=form.new_person(),
                term_start=form.cleaned_data["term_start"],
                term_end=form.cleaned_data["term_end"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(person)s is appointed.") % {"person": seat.person})
            return redirect("regions:region-detail", code=region.code)
    return render(request, "regions/seat_appoint.html", {"region": region, "form": form})


@require_http_methods(["GET", "POST"])
def seat_replace(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, APPOINT)
    seat = get_seat_for(request.user, region, pk)
    form = ReplaceForm(request.POST or None, region=region, exclude_person_id=seat.person_id)
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.replace_member(
                actor=request.user,
                region=region,
                membership=seat,
                successor=form.cleaned_data["person"],
                new_person=form.new_person(),
                reason=form.cleaned_data["reason"],
                changeover_on=form.cleaned_data["changeover_on"],
                term_end=form.cleaned_data["term_end"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(old)s is replaced by %(new)s.")
                % {"old": seat.person, "new": successor.person},
            )
            return redirect("regions:region-detail", code=region.code)
    context = {"region": region, "seat": seat, "form": form}
    return render(request, "regions/seat_replace.html", context)


@require_http_methods(["GET", "POST"])
def seat_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, APPOINT)
    seat = get_seat_for(request.user, region, pk)
    form = EndSeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_regional_seat(
                actor=request.user,
                region=region,
                membership=seat,
                reason=form.cleaned_data["reason"],
                ended_on=form.cleaned_data["ended_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat has ended."))
            return redirect("regions:region-detail", code=region.code)
    context = {"region": region, "seat": seat, "form": form}
    return render(request, "regions/seat_end.html", context)


@require_http_methods(["GET", "POST"])
def seat_backing(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, "regions.manage_region")
    seat = get_held_seat_for(request.user, region, pk)
    backing = getattr(seat, "employer_backing", None)
    initial = (
        {"confirmed_on": backing.confirmed_on, "confirmed_by": backing.confirmed_by}
        if backing
        else None
    )
    form = EmployerBackingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_employer_backing(
                actor=request.user, membership=seat, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The employer's backing is recorded."))
            return redirect("regions:region-detail", code=region.code)
    context = {"region": region, "seat": seat, "form": form, "backing": backing}
    return render(request, "regions/seat_backing.html", context)
