"""Declarations of interests: a member's own yearly form, and the secretariat's overview
with its reminders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.paging import DECLARATIONS_PAGE_SIZE, paginate
from steering.models import Declaration, SteeringGroup
from steering.selfservice.filters import (
    DeclarationFilter,
    declaration_filter,
    filter_parameters,
    missing_people,
)
from steering.selfservice.forms import DeclarationForm
from steering.selfservice.reminder_job import start_reminder_job
from steering.selfservice.services import submit_declaration
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


def _filter_query(data, year: int) -> QueryDict:
    """The year and the filter's own parameters of ``data`` (what the reminder's
    confirmation carries and the overview is shown with afterwards)."""
    query = QueryDict(mutable=True)
    query["year"] = str(year)
    query.update(filter_parameters(data))
    return query


def _chosen(filterset: DeclarationFilter) -> list[tuple[str, str]]:
    """Each filter condition chosen, as (label, what was chosen), for the confirmation."""
    chosen = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if isinstance(value, SteeringGroup):
            chosen.append((field.label, value.database.name))
        elif value:
            chosen.append((field.label, {str(k): v for k, v in field.choices}[value]))
    return chosen


@require_GET
def declaration_overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.manage_declarations"):
        raise PermissionDenied
    year = _year(request)
    filterset = declaration_filter(request.user, request.GET, year)
    seats = (
        filterset.qs.select_related("person__region", "group__database")
        # What the table shows.
        .only(
            "role",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__region__name_da",
            "person__region__name_en",
            "group__database__name",
            "group__database__slug",
        )
        .order_by("group__database__name", "person__last_name", "person__first_name", "pk")
    )
    page, query = paginate(request, seats, per_page=DECLARATIONS_PAGE_SIZE)
    valid = filterset.is_valid()
    context = {
        "year": year,
        "filter": filterset,
        "page_obj": page,
        "query_without_page": query,
        "missing_count": missing_people(filterset).count() if valid else 0,
        "remind_query": _filter_query(request.GET, year).urlencode() if valid else "",
    }
    return render(request, "declarations/overview.html", context)


@require_http_methods(["GET", "POST"])
def declaration_remind(request: HttpRequest) -> HttpResponse:
    """Remind everyone the overview's filter finds missing: a confirmation with the count
    (GET), then one bulk action (POST) over the same filter."""
    if not request.user.has_perm("steering.manage_declarations"):
        raise PermissionDenied
    year = _year(request)
    data = request.POST if request.method == "POST" else request.GET
    filterset = declaration_filter(request.user, data, year)
    query = _filter_query(data, year)
    back = f"{reverse('steering:declaration-overview')}?{query.urlencode()}"
    if request.method == "POST" and filterset.is_valid():
        # Only whether anyone is missing: the job finds and counts the people when it runs
        # (its progress shows the total from then), and writes their letters.
        if not missing_people(filterset).exists():
            messages.info(request, _("Nobody the filter finds is missing a declaration."))
            return redirect(back)
        parameters = filter_parameters(data)
        job = start_reminder_job(actor=request.user, year=year, parameters=parameters, back=back)
        return redirect("jobs:job-detail", job.pk)
    valid = filterset.is_valid()
    context = {
        "year": year,
        "filter": filterset,
        "chosen": _chosen(filterset) if valid else [],
        "count": missing_people(filterset).count() if valid else 0,
        "query": query,
        "back": back,
    }
    return render(request, "declarations/remind_confirm.html", context)
