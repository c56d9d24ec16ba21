from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rkkp_portal.dashboard import circle_overview


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("representatives.read_overview"):
        raise PermissionDenied
    return render(request, "representatives/overview.html", {"data": circle_overview()})
