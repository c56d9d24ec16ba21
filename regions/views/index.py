"""The list of regions: the secretariat's way into each region's workspace."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regions.workspace import regions_counted


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("regions.list_regions"):
        raise PermissionDenied
    # Five regions, each with its counts read in the same query.
    return render(request, "regions/region_list.html", {"regions": regions_counted()})
