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

    def page_content() -> dict:
        data = region_workspace(region, timezone.localdate())
        data["people"], query = paginate(request, data["people"])
        people_rows(region, data["people"])
        return {"data": data, "page_obj": data["people"], "query_without_page": query}

    # The content is kept per data version (rkkp_portal/page_cache.py): on a hit,
    # page_content is not called.
    return render(
        request,
        "regions/region_detail.html",
        {"region": region, "page_content": page_content},
    )
