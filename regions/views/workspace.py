from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.access import get_region_for
from regions.workspace import people_with_seats, region_workspace, regions_counted
from rkkp_portal.paging import PEOPLE_PAGE_SIZE, paginate


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, regions=regions_counted())
    data = region_workspace(region, timezone.localdate())
    return render(request, "regions/region_detail.html", {"region": region, "data": data})


@require_GET
def region_people(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code)
    page, query = paginate(request, people_with_seats(region), per_page=PEOPLE_PAGE_SIZE)
    return render(
        request,
        "regions/region_people.html",
        {"region": region, "page_obj": page, "query_without_page": query},
    )
