import datetime
from typing import TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.addresses import address_for
from rkkp_portal.forms import add_service_errors
from rkkp_portal.labels import EMPLOYER_FIELDS, bilingual, workplace_label
from rkkp_portal.paging import paginate
from steering import history
from steering.access import get_person_for, people_visible_to
from steering.models import Membership, Person
from steering.models.memberships import is_holdover
from steering.models.people import full_name
from steering.register.filters import PersonFilter
from steering.register.forms import PersonForm
from steering.register.services.memberships import register_person, update_person


def filtered_people(request: HttpRequest) -> PersonFilter:
    """The list as filtered by the request, with each person's current seats (``seats``),
    in the shape the exports read."""
    current_seats = Membership.objects.current().select_related("group__database")
    people = (
        _visible_people(request)
        .select_related("employer__parent", "region")
        .prefetch_related(Prefetch("memberships", queryset=current_seats, to_attr="seats"))
    )
    return PersonFilter(request.GET, queryset=people)


def _visible_people(request: HttpRequest):
    if not request.user.has_perm("steering.list_people"):
        raise PermissionDenied
    return people_visible_to(request.user).order_by("last_name", "first_name", "pk")


class SeatLabel(TypedDict):
    text: str
    holdover: bool


class PersonRow(TypedDict):
    url: str
    name: str
    title: str
    workplace: str
    region: str
    email: str
    seats: list[SeatLabel]


ROW_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "title",
    "email",
    *EMPLOYER_FIELDS,
    "region__name_da",
    "region__name_en",
)


def _rows(people: list[dict], today: datetime.date) -> list[PersonRow]:
    """The page's rows as plain values: a page of 50 people with their seats would be
    several hundred model instances, and the table needs only their labels. Rows are
    dicts (TypedDict), which the template engine reads on its first try."""
    seats: dict[int, list[SeatLabel]] = {p["pk"]: [] for p in people}
    current = (
        Membership.objects.current()
        .filter(person__in=seats)
        .order_by("group__database__name", "role", "pk")
        .values_list(
            "person_id",
            "role",
            "status",
            "term_end",
            "group__database__acronym",
            "group__database__name",
        )
    )
    roles = {value: str(label) for value, label in Membership.Role.choices}
    for person_id, role, status, term_end, acronym, name in current:
        holdover = is_holdover(status, term_end, today)
        label = f"{acronym or name} ({roles.get(role, role)})"
        seats[person_id].append(SeatLabel(text=label, holdover=holdover))
    detail_url = address_for("steering:person-detail")
    return [
        PersonRow(
            url=detail_url(p["pk"]),
            name=full_name(p["first_name"], p["last_name"]),
            title=p["title"],
            workplace=workplace_label(*(p[field] for field in EMPLOYER_FIELDS)),
            region=bilingual(p["region__name_da"], p["region__name_en"]),
            email=p["email"],
            seats=seats[p["pk"]],
        )
        for p in people
    ]


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    filterset = PersonFilter(request.GET, queryset=_visible_people(request))
    page, query = paginate(request, filterset.qs)
    # Counted on the plain filter; the page itself is read as the row values only.
    page.object_list = list(page.object_list.values(*ROW_FIELDS))
    context = {
        "filter": filterset,
        "chosen": _chosen(request, filterset),
        "page_obj": page,
        "rows": _rows(page.object_list, timezone.localdate()),
        "query_without_page": query,
        "can_manage": request.user.has_perm("steering.manage_register"),
    }

    return render(request, "steering/person_list.html", context)


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
