"""The security log and the session rules that hang on login and account signals.

The log (logger ``rkkp_portal.security``) records failed logins, wrong second-factor
codes, rate-limit refusals and refused requests. Its messages hold no personal data:
a user is named by their numeric id, and what an anonymous visitor typed (the login)
and their address appear only as a *keyed* hash (HMAC-SHA256 with a key derived from
SECRET_KEY, first 16 hex digits). The same login or address gives the same hash, so
repeated attempts can be followed in the log; without the key the hash cannot be turned
back into an e-mail address or an address by guessing. Rotating SECRET_KEY starts new
hashes.
"""

import logging
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac

log = logging.getLogger("rkkp_portal.security")

# Session keys (epoch seconds) read by StaffSessionMiddleware.
LOGIN_AT = "rkkp_login_at"
SEEN_AT = "rkkp_seen_at"


def pseudonym(value: str) -> str:
    """A keyed hash of ``value`` (case-insensitive): stable, not reversible without the key."""
    digest = salted_hmac(
        "rkkp_portal.security.pseudonym", value.strip().lower(), algorithm="sha256"
    )
    return digest.hexdigest()[:16]


def client_address(request) -> str:
    if request is None:
        return "-"
    from allauth.account.adapter import get_adapter

    try:
        address = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):  # an odd proxy header must not stop us
        address = request.META.get("REMOTE_ADDR", "")
    return pseudonym(address or "unknown")


def user_ref(user) -> str:
    """A user as the log names them: their id, or "anonymous"."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return str(user.pk)


def _known_user_id(login: str) -> str:
    """The id of the login's account, if there is one (shows which account is attacked)."""
    if not login:
        return "-"
    pk = get_user_model().objects.filter(email__iexact=login.strip()).values_list("pk", flat=True)
    return str(pk.first() or "-")


def log_failed_login(request, login: str) -> None:
    log.warning(
        "login failed: login=%s user=%s client=%s",
        pseudonym(login) if login else "-",
        _known_user_id(login),
        client_address(request),
    )


def log_rate_limited_login(request, login: str) -> None:
    log.warning(
        "login refused by rate limit: login=%s client=%s",
        pseudonym(login) if login else "-",
        client_address(request),
    )


def log_refusal(request, status: int) -> None:
    """A request answered 403 (refused) or 429 (rate limit), by view name, not by path.

    Paths can carry secrets (the calendar feed's token) and ids of other people; the
    view name and the method say what was attempted.
    """
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match is not None and match.view_name else "-"
    event = "request refused by rate limit" if status == 429 else "authorisation refused"
    log.warning(
        "%s: status=%s method=%s view=%s user=%s client=%s",
        event,
        status,
        request.method,
        view,
        user_ref(getattr(request, "user", None)),
        client_address(request),
    )


@receiver(user_login_failed, dispatch_uid="rkkp_security_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("username") or ""
    log_failed_login(request, str(login))


@receiver(user_logged_in, dispatch_uid="rkkp_security_session_clock")
def _start_session_clock(sender, request, user, **kwargs):
    """Every login starts the clocks that StaffSessionMiddleware checks."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[LOGIN_AT] = now
    session[SEEN_AT] = now


def _on_second_factor_failed(sender, request=None, user=None, **kwargs):
    log.warning("second factor failed: user=%s client=%s", user_ref(user), client_address(request))


def end_all_sessions(user) -> int:
    """End every session of ``user`` that allauth.usersessions knows (every portal login)."""
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user_id=user.pk))
    for session in sessions:
        session.end()
    return len(sessions)


def _end_sessions_of_inactive_user(sender, instance, raw=False, **kwargs):
    """A deactivated login loses every session, wherever the change was saved.

    Admin, services and the shell all save the model; a bulk ``QuerySet.update`` does not
    send signals, but Django's auth already treats an inactive user's session as anonymous.
    """
    if raw or instance.is_active:
        return
    ended = end_all_sessions(instance)
    if ended:
        log.info("sessions ended for deactivated login: user=%s sessions=%s", instance.pk, ended)


def _record_sign_in(sender, user, **kwargs) -> None:
    """Django's ``update_last_login`` without a history row: ``last_login`` is left out of
    the user's history, so a row per sign-in would only repeat the one before it."""
    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving


def connect() -> None:
    """Called from the accounts app's ready(): signals that need the models loaded."""
    from allauth.mfa.signals import authentication_failed

    # Takes the place of Django's receiver (connected under this dispatch_uid).
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    user_logged_in.connect(_record_sign_in, dispatch_uid="update_last_login")

    authentication_failed.connect(
        _on_second_factor_failed, dispatch_uid="rkkp_security_second_factor_failed"
    )
    post_save.connect(
        _end_sessions_of_inactive_user,
        sender=get_user_model(),
        dispatch_uid="rkkp_security_end_sessions_of_inactive_user",
    )
