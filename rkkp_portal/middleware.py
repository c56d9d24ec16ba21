"""Request rules for logins: the security log, staff session lifetimes and staff MFA.

Staff roles (secretariat, regional administrators, the circle, Django staff) manage
other people's data, so their sessions are short and they must use MFA:

- ``StaffSessionMiddleware`` ends a staff session after STAFF_SESSION_IDLE_MINUTES
  without a request and STAFF_SESSION_MAX_HOURS after the login, whatever happens;
- ``StaffMFAMiddleware`` sends a staff user without an authenticator to enrol TOTP
  before anything else; the account pages (enrolment, logout, password) stay reachable.
"""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from rkkp_portal import security

SESSION_KEY = "staff_mfa_ok"
# Account pages (enrolment itself), and the statements anyone may read.
ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/health/",
    "/i18n/",
    "/tilgaengelighed/",
    "/privatliv/",
)
# The last-seen time is written at most this often, so an active session is not saved on
# every request; the idle limit is therefore exact to within this many seconds.
SEEN_WRITE_INTERVAL = 60


def is_staff_user(user) -> bool:
    return bool(user.is_staff or user.roles.is_staff_role)


class SecurityLogMiddleware:
    """Writes every refused request (403, 429) to the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 429):
            security.log_refusal(request, response.status_code)
        return response


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(("/static/", "/health/")):
            expired = self._check(request, user)
            if expired:
                return self._end(request, user, expired)
        return self.get_response(request)

    def _check(self, request, user) -> str:
        """Why the session ends ("idle" or "lifetime"), or "" if it may go on."""
        session = request.session
        now = int(time.time())
        login_at = session.get(security.LOGIN_AT)
        seen_at = session.get(security.SEEN_AT)
        if login_at is None or seen_at is None:
            # A session from before these rules: its clock starts now.
            session[security.LOGIN_AT] = session[security.SEEN_AT] = now
            return ""
        too_idle = now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60
        too_old = now - login_at > settings.STAFF_SESSION_MAX_HOURS * 3600
        # Roles cost a query (cached for the request); only ask when a limit is passed.
        if (too_idle or too_old) and is_staff_user(user):
            return "idle" if too_idle else "lifetime"
        if now - seen_at >= SEEN_WRITE_INTERVAL:
            session[security.SEEN_AT] = now
        return ""

    def _end(self, request, user, reason: str):
        security.log.info("staff session expired: reason=%s user=%s", reason, user.pk)
        logout(request)
        if reason == "idle":
            text = _(
                "You were signed out after %(minutes)s minutes without activity. "
                "Please sign in again."
            ) % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES}
        else:
            text = _(
                "You were signed out because your session reached its limit of %(hours)s "
                "hours. Please sign in again."
            ) % {"hours": settings.STAFF_SESSION_MAX_HOURS}
        messages.warning(request, text)
        # After signing in again, the page that was open opens again; what was being posted
        # is lost with the session, so a POST leads to the login page only.
        htmx = HtmxDetails(request)  # HtmxMiddleware sits further in
        if htmx and htmx.current_url_abs_path:
            response = redirect_to_login(htmx.current_url_abs_path)
        elif request.method == "GET" and not htmx:
            response = redirect_to_login(request.get_full_path())
        else:
            response = redirect(settings.LOGIN_URL)
        if htmx:
            # htmx would swap the login page into a fragment; have it load the page instead.
            return HttpResponseClientRedirect(response["Location"])
        return response


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if not settings.REQUIRE_STAFF_MFA:
            return False
        user = request.user
        if not user.is_authenticated or request.session.get(SESSION_KEY):
            return False
        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        if not is_staff_user(user):
            return False
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[SESSION_KEY] = True
            return False
        return True
