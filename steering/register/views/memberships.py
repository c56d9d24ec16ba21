"""Seats: appoint (a new or an existing person), correct, end and re-appoint."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.forms import add_service_errors
from steering import history
from steering.access import get_database_for, get_membership_for
from steering.compliance.chair_terms import chair_term_of
from steering.models import Membership, SuccessionAsk
from steering.register.forms import AppointForm, EndMembershipForm, MembershipForm, ReappointForm
from steering.register.services.memberships import (
    appoint_person,
    edit_membership,
    end_membership,
)
from steering.succession.reappointing import reappoint_seat


def _seat_to_manage(request: HttpRequest, pk: int) -> Membership:
    """404 for a seat the user may not see, 403 for one they may see but not change."""
    membership = get_membership_for(request.user, pk)
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied
    return membership


@require_http_methods(["GET", "POST"])
def appoint(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug, "steering.manage_group")
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else {}
    form = AppointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            seat = appoint_person(
                actor=request.user, group=database.steering_group, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s was appointed to %(group)s.")
                % {"person": seat.person.full_name, "group": database.name},
            )
            return redirect(database)
    return render(request, "steering/appoint_form.html", {"form": form, "database": database})


@require_GET
def membership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_for(request.user, pk)
    can_manage = request.user.has_perm("steering.manage_register")
    # A re-appointment decided ahead: the seat's next term, created on its first day.
    renewal = SuccessionAsk.objects.pending_renewals().filter(membership=membership).first()
    return render(
        request,
        "steering/membership_detail.html",
        {
            "membership": membership,
            "can_manage": can_manage,
            "renewal": renewal,
            "can_undo_renewal": renewal is not None
            and request.user.has_perm("steering.handle_succession", renewal),
            "changes": history.changes_for(Membership.history.filter(id=membership.pk))
            if can_manage
            else [],
            "chair_term": chair_term_of(membership),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _seat_to_manage(request, pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            edit_membership(actor=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat was saved."))
            return redirect("steering:membership-detail", pk=membership.pk)
    return render(
        request, "steering/membership_form.html", {"form": form, "membership": membership}
    )


@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _seat_to_manage(request, pk)
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            end_membership(
                actor=request.user,
                membership=membership,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat was ended."))
            return redirect("steering:membership-detail", pk=membership.pk)
    return render(request, "steering/membership_end.html", {"form": form, "membership": membership})


@require_http_methods(["GET", "POST"])
def membership_reappoint(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _seat_to_manage(request, pk)
    form = ReappointForm(
        request.POST or None,
        membership=membership,
        may_exceed_term_limit=request.user.has_perm("steering.exceed_chair_term_limit", membership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            renewed = reappoint_seat(actor=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if renewed.pk == membership.pk:  # decided ahead: the new seat comes on its day
                # The current term now ends the day before the new one (reappoint_seat).
                starts = renewed.term_end + datetime.timedelta(days=1)
                message = _("%(person)s is re-appointed from %(date)s.") % {
                    "person": membership.person.full_name,
                    "date": date_format(starts),
                }
            else:
                message = _("The member was re-appointed for a new term.")
            messages.success(request, message)
            return redirect("steering:membership-detail", pk=renewed.pk)
    context = {"form": form, "membership": membership, "chair_term": chair_term_of(membership)}
    return render(request, "steering/membership_reappoint.html", context)
