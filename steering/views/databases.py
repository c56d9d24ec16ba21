from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.models import Region
from steering import compliance
from steering.access import (
    databases_visible_to,
    get_database_for,
)
from steering.filters import DatabaseFilter
from steering.models import Membership
from steering.models.memberships import Role
from steering.views.paging import paginate


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
    page, query = paginate(request, filterset.qs)
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
