"""Real logins through allauth (its stages, signals and limits) and real TOTP codes."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PASSWORD = "correct horse battery"  # every UserFactory user's password


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": password}, **extra
    )


def code_for_secret(secret: str) -> str:
    """What an authenticator app shows right now for ``secret``. In the last two seconds
    of a period it waits for the next one, as a person would for a fresh code: the portal
    accepts only the current period's code, and the request may reach it in the next."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 2:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def totp_code(authenticator) -> str:
    return code_for_secret(decrypt(authenticator.data["secret"]))


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def simple_routes(patterns=None, prefix="") -> list[str]:
    """Every URL of the portal that takes no arguments."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += simple_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            routes.append("/" + route.lstrip("^").rstrip("$"))
    return [route for route in routes if not route.startswith(("/admin/", "/i18n/"))]
