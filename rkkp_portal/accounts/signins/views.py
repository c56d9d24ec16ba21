"""The secretariat's page of sign-in records."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rkkp_portal.accounts.access import sign_in_events_visible_to
from rkkp_portal.accounts.signins.filters import SignInEventFilter
from rkkp_portal.paging import paginate


@require_GET
def sign_in_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.view_signinevent"):
        raise PermissionDenied
    events = sign_in_events_visible_to(request.user).select_related("user")
    filterset = SignInEventFilter(request.GET, queryset=events.order_by("-at", "-pk"))
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "accounts/signin_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "query_without_page": query,
            "settings_kept_days": settings.SIGN_IN_RECORDS_KEPT_DAYS,
        },
    )
