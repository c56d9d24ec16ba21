from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.access import get_region_for
from regions.workspace import people_rows, region_workspace
from rkkp_portal.paging import paginate


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code)

    data = region_workspace(region, timezone.localdate())
    data["people"], query = paginate(request, data["people"])
    people_rows(region, data["people"])
    context = {"data": data, "page_obj": data["people"], "query_without_page": query}

    return render(
        request,
        "regions/region_detail.html",
        {"region": region, **context},
    )
