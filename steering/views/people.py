from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steering.access import (
    get_person_for,
    people_visible_to,
)
from steering.filters import PersonFilter
from steering.views.paging import paginate


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.list_people"):
        raise PermissionDenied
    people = people_visible_to(request.user).select_related("employer", "region")
    filterset = PersonFilter(request.GET, queryset=people.order_by("last_name", "first_name"))
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "steering/person_list.html",
        {"filter": filterset, "page_obj": page, "query_without_page": query},
    )


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    seats = person.memberships.select_related("group__database", "representing_region").order_by(
        "-term_start"
    )
    return render(request, "steering/person_detail.html", {"person": person, "seats": seats})
