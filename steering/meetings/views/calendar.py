"""Calendar feeds: a person's meetings and a group's meetings, by a revocable secret address."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from steering.meetings import calendar
from steering.meetings.services import issue_calendar_token
from steering.models import CalendarToken, Meeting, Membership, Person
from steering.models.calendars import hash_calendar_token

# Feeds show the past year too, so a subscriber keeps recent meetings in view.
FEED_HISTORY = datetime.timedelta(days=365)


def _person_for_token(token: str) -> Person:
    found = CalendarToken.objects.for_token(token).select_related("person").first()
    if found is None:
        raise Http404
    return found.person


def _feed(content: str) -> HttpResponse:
    # Agendas and video links: no-store, as every page (rkkp_portal/headers.py).
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@login_not_required
@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    person = _person_for_token(token)
    # Only the groups the person sits in now: an ended seat's meetings (agenda and video
    # link included) leave the feed with the seat.
    current_groups = Membership.objects.current().filter(person=person).values("group_id")
    meetings = (
        Meeting.objects.filter(
            invitations__person=person,
            group_id__in=current_groups,
            starts_at__gte=timezone.now() - FEED_HISTORY,
        )
        .select_related("group__database")
        .order_by("starts_at")
    )
    return _feed(calendar.feed_ics(meetings, name=_("RKKP meetings")))


@login_not_required
@require_GET
def group_feed(request: HttpRequest, token: str, group_pk: int) -> HttpResponse:
    """A group's meetings for its members, at an address revoked with the member's own."""
    person = _person_for_token(token)
    if not Membership.objects.current().filter(person=person, group_id=group_pk).exists():
        raise Http404
    meetings = (
        Meeting.objects.filter(group_id=group_pk, starts_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("group__database")
        .order_by("starts_at")
    )
    name = meetings[0].group.database.name if meetings else _("RKKP meetings")
    return _feed(calendar.feed_ics(meetings, name=name))


# The new address rides to the page after the redirect in a signed cookie, for that one
# page: the token is stored only as its hash, and the session would keep it on the server.
NEW_ADDRESS_COOKIE = "rkkp_new_calendar_address"
NEW_ADDRESS_SALT = "steering.calendar.new-address"
NEW_ADDRESS_MAX_AGE = 300


@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Where a member makes their feed address, and a new one if the old has leaked; the
    address is shown once, on the page right after it is made."""
    person_id = request.user.roles.person_id
    if person_id is None:
        raise PermissionDenied
    person = Person.objects.get(pk=person_id)
    path = reverse("steering:calendar-settings")
    if request.method == "POST":
        token = issue_calendar_token(actor=request.user, person=person)
        response = redirect(path)
        response.set_signed_cookie(
            NEW_ADDRESS_COOKIE,
            token,
            salt=NEW_ADDRESS_SALT,
            max_age=NEW_ADDRESS_MAX_AGE,
            path=path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
        return response
    address = CalendarToken.objects.filter(person=person).only("token_hash", "created_at").first()
    token = request.get_signed_cookie(
        NEW_ADDRESS_COOKIE, default=None, salt=NEW_ADDRESS_SALT, max_age=NEW_ADDRESS_MAX_AGE
    )
    # Only this person's current address: not an older one, nor another login's on a
    # shared browser.
    if token is not None and (address is None or address.token_hash != hash_calendar_token(token)):
        token = None
    seats = (
        Membership.objects.current()
        .filter(person=person)
        .select_related("group__database")
        .order_by("group__database__name")
    )
    context = {
        # Absolute addresses, as in the letters: the calendar program fetches them itself.
        "site_url": settings.SITE_URL,
        "token": token,
        "address": address,
        "seats": seats,
    }
    response = render(request, "meetings/calendar_settings.html", context)
    if NEW_ADDRESS_COOKIE in request.COOKIES:
        response.delete_cookie(NEW_ADDRESS_COOKIE, path=path, samesite="Strict")
    return response
