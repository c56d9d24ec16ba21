from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import PEOPLE_PAGE_SIZE, paginate
from steering import history
from steering.access import get_person_for, people_visible_to
from steering.models import Membership, Person
from steering.register.filters import PersonFilter
from steering.register.forms import PersonForm
from steering.register.services.memberships import register_person, update_person


def filtered_people(request: HttpRequest) -> PersonFilter:
    """The list as filtered by the request, each person with their workplace, region and
    current seats (``seats``); the page and its exports share it."""
    # Only the columns the page and the exports show: a page of 50 people is some 350
    # model instances with their workplaces and seats.
    current_seats = (
        Membership.objects.current()
        .select_related("group__database")
        .only(
            "person",
            "role",
            "status",
            "term_start",
            "term_end",
            "group__database__name",
            "group__database__acronym",
        )
        .order_by("group__database__name", "role", "pk")
    )
    people = (
        _visible_people(request)
        .select_related("employer__parent", "region")
        .only(
            "first_name",
            "last_name",
            "email",
            "phone",
            "title",
            "employer__name",
            "employer__parent__name",
            "employer__parent__short_name",
            "region__name_da",
            "region__name_en",
        )
        .prefetch_related(Prefetch("memberships", queryset=current_seats, to_attr="seats"))
    )
    return PersonFilter(request.GET, queryset=people)


def _visible_people(request: HttpRequest):
    if not request.user.has_perm("steering.list_people"):
        raise PermissionDenied
    return people_visible_to(request.user).order_by("last_name", "first_name", "pk")


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    filterset = filtered_people(request)
    page, query = paginate(request, filterset.qs, per_page=PEOPLE_PAGE_SIZE)
    return render(
        request,
        "steering/person_list.html",
        {
            "filter": filterset,
            "chosen": _chosen(request, filterset),
            "page_obj": page,
            "query_without_page": query,
            "can_manage": request.user.has_perm("steering.manage_register"),
        },
    )


def _chosen(request: HttpRequest, filterset: PersonFilter) -> list[dict]:
    """The workplace and group chosen by id, each with the query string that drops it."""
    chosen = []
    for label, value, name in filterset.chosen():
        params = request.GET.copy()
        for key in (name, "page"):
            params.pop(key, None)
        chosen.append({"label": label, "value": value, "remove_query": params.urlencode()})
    return chosen


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    seats = list(
        person.memberships.select_related(
            "group__database", "representing_region", "predecessor"
        ).order_by("-term_start")
    )
    can_manage = request.user.has_perm("steering.manage_register")
    return render(
        request,
        "steering/person_detail.html",
        {
            "person": person,
            "seats": seats,
            "can_manage": can_manage,
            "changes": _changes(person, seats) if can_manage else [],
            "today": timezone.localdate(),
        },
    )


def _changes(person: Person, seats: list[Membership]) -> list[history.Change]:
    """The person's own history and that of every seat they hold or held."""
    names = {s.pk: f"{s.get_role_display()}, {s.group.database.name}" for s in seats}
    own = history.changes_for(
        Person.history.filter(id=person.pk), subject=lambda record: _("Personal details")
    )
    seat_changes = history.changes_for(
        Membership.history.filter(person_id=person.pk),
        subject=lambda record: names.get(record.id, ""),
    )
    return sorted(own + seat_changes, key=lambda c: c.when, reverse=True)


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = register_person(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%s was added to the register.") % person.full_name)
            return redirect(person)
    return render(request, "steering/person_form.html", {"form": form, "person": None})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = update_person(actor=request.user, person=person, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The details were saved."))
            return redirect(person)
    return render(request, "steering/person_form.html", {"form": form, "person": person})
