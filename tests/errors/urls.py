"""The portal's addresses plus one that raises what it is told to, for the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.urls import path

from rkkp_portal.urls import urlpatterns as portal_urlpatterns

RAISES = {
    "400": BadRequest,
    "403": PermissionDenied,
    "404": Http404,
    "500": RuntimeError,
}


@login_not_required
def raising(request, code: str):
    raise RAISES[code]("details that must not reach the page")


urlpatterns = [*portal_urlpatterns, path("raise/<str:code>/", raising)]
