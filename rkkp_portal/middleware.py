"""Staff roles (secretariat, regional administrators, the circle) must use MFA.

A staff user without an authenticator is sent to enrol TOTP before anything else;
the account pages (enrolment, logout, password) stay reachable so they can do so.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

SESSION_KEY = "staff_mfa_ok"
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/health/", "/i18n/", "/tilgaengelighed/")


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
        if not (user.roles.is_staff_role or user.is_staff):
            return False
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[SESSION_KEY] = True
            return False
        return True
