"""Declarations of interests: a member's own yearly form, and the secretariat's overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steering.models import Declaration, Person
from steering.selfservice.forms import DeclarationForm
from steering.selfservice.services import (
    missing_declarations,
    send_declaration_reminders,
    submit_declaration,
)
from steering.selfservice.views.me import own_person


@require_http_methods(["GET", "POST"])
def my_declaration(request: HttpRequest) -> HttpResponse:
    """This year's declaration; there is no id in the address, so only one's own is reachable."""
    person = own_person(request.user)
    year = timezone.localdate().year
    current = Declaration.objects.filter(person=person, year=year).first()
    form = DeclarationForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            submit_declaration(actor=request.user, person=person, year=year, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your declaration is submitted."))
            return redirect("me")
    earlier = Declaration.objects.filter(person=person, year__lt=year).order_by("-year")
    context = {"form": form, "year": year, "current": current, "earlier": earlier}
    return render(request, "declarations/my_declaration.html", context)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2200 else timezone.localdate().year


@require_GET
def declaration_overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.manage_declarations"):
        raise PermissionDenied
    year = _year(request)
    seats = (
        missing_declarations(year)
        .select_related("person", "group__database")
        .order_by("group__database__name", "person__last_name", "person__first_name")
    )
    return render(request, "declarations/overview.html", {"year": year, "seats": list(seats)})


@require_POST
def declaration_remind(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.manage_declarations"):
        raise PermissionDenied
    year = _year(request)
    # isdecimal, not isdigit: "²" is a digit that int() refuses. Longer than a bigint: no id.
    chosen = [
        int(value)
        for value in request.POST.getlist("person")
        if value.isdecimal() and len(value) <= 18
    ]
    people = (
        Person.objects.filter(pk__in=chosen)
        if chosen
        else Person.objects.filter(pk__in=missing_declarations(year).values("person_id"))
    )
    queued = send_declaration_reminders(actor=request.user, year=year, people=list(people))
    messages.success(
        request,
        ngettext("%(count)d reminder is queued.", "%(count)d reminders are queued.", queued)
        % {"count": queued},
    )
    return redirect(f"{reverse('steering:declaration-overview')}?year={year}")
