from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.models import Region
from steering import compliance
from steering.access import (
    databases_visible_to,
    get_database_for,
    get_person_for,
    people_visible_to,
)
from steering.filters import DatabaseFilter, PersonFilter
from steering.models import ClinicalDatabase, Membership
from steering.models.memberships import Role

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


@require_GET
def database_list(request: HttpRequest) -> HttpResponse:
    databases = (
        databases_visible_to(request.user)
        .select_related("steering_group")
        .annotate(
            seat_count=Count(
                "steering_group__memberships",
                filter=Q(steering_group__memberships__status=Membership.Status.ACTIVE),
            )
        )
    )
    filterset = DatabaseFilter(request.GET, queryset=databases.order_by("name"))
    page, query = _page(request, filterset.qs)
    return render(
        request,
        "steering/database_list.html",
        {"filter": filterset, "page_obj": page, "query_without_page": query},
    )


@require_GET
def database_detail(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug)
    group = database.steering_group
    seats = list(
        group.memberships.active()
        .select_related("person__employer", "representing_region")
        .order_by("role", "person__last_name")
    )
    by_role = [(label, [s for s in seats if s.role == value]) for value, label in Role.choices]
    findings = compliance.findings_for_groups([group])[group.pk]
    represented = {s.representing_region_id for s in seats}

    coverage = [(region, region.pk in represented) for region in Region.objects.all()]
    meetings = group.meetings.filter(starts_at__year=timezone.localdate().year).order_by(
        "starts_at"
    )
    return render(
        request,
        "steering/database_detail.html",
        {
            "database": database,
            "group": group,
            "seats_by_role": [(label, items) for label, items in by_role if items],
            "findings": findings,
            "coverage": coverage,
            "meetings": meetings,
            "can_manage": request.user.has_perm("steering.manage_group", group),
        },
    )


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.list_people"):
        raise PermissionDenied
    people = people_visible_to(request.user).select_related("employer", "region")
    filterset = PersonFilter(request.GET, queryset=people.order_by("last_name", "first_name"))
    page, query = _page(request, filterset.qs)
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


PUBLIC_ROLES = [
    Role.CHAIR,
    Role.MEMBER,
    Role.SOCIETY,
    Role.LEADERSHIP,
    Role.MUNICIPAL,
    Role.PATIENT,
]


def _publicly_listed_seats():
    """Work-related data only; patient representatives only with recorded consent."""
    return (
        Membership.objects.active()
        .filter(role__in=PUBLIC_ROLES)
        .exclude(role=Role.PATIENT, person__listing_consent_at__isnull=True)
        .select_related("person__employer", "representing_region")
        .order_by("role", "person__last_name")
    )


@login_not_required
@require_GET
def public_roster(request: HttpRequest) -> HttpResponse:
    databases = (
        ClinicalDatabase.objects.exclude(status=ClinicalDatabase.Status.CLOSED)
        .select_related("steering_group")
        .prefetch_related(
            Prefetch(
                "steering_group__memberships",
                queryset=_publicly_listed_seats().filter(role=Role.CHAIR),
                to_attr="public_chairs",
            )
        )
        .order_by("name")
    )
    return render(request, "steering/public_roster.html", {"databases": databases})


@login_not_required
@require_GET
def public_database(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_object_or_404(
        ClinicalDatabase.objects.exclude(status=ClinicalDatabase.Status.CLOSED).select_related(
            "steering_group"
        ),
        slug=slug,
    )
    seats = _publicly_listed_seats().filter(group=database.steering_group)
    return render(request, "steering/public_database.html", {"database": database, "seats": seats})
