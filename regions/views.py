from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.access import get_region_for
from rkkp_portal.dashboard import region_overview


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code)
    data = region_overview(region.pk, timezone.localdate())
    return render(request, "regions/region_detail.html", {"region": region, "region_data": data})
