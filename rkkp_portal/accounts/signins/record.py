"""Writing and purging sign-in records; the one place that creates ``SignInEvent`` rows.

The receivers in ``receivers.py`` call ``record_event`` for allauth's and Django's
signals; the SSO adapter (``rkkp_portal/accounts/sso.py``) and the login adapter call it
for refusals that have no signal. Nothing secret is passed in: the caller gives the user
or what was typed as the login, and the request (for the client address), and this
module keeps keyed hashes of those.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rkkp_portal import security
from rkkp_portal.accounts.models import SignInEvent, User

Kind = SignInEvent.Kind
Outcome = SignInEvent.Outcome


def record_event(
    *,
    kind: str,
    outcome: str,
    request=None,
    user: User | None = None,
    login: str = "",
    method: str = "",
    reason: str = "",
) -> SignInEvent:
    """Store one event. ``login`` (what was typed) is kept only as a keyed hash, and only
    when no known login (``user``) is named."""
    if user is None and login:
        user = User.objects.filter(email__iexact=login.strip()).first()
    client = security.client_address(request) if request is not None else ""
    return SignInEvent.objects.create(
        kind=kind,
        outcome=outcome,
        user=user,
        login_hash="" if user is not None else security.pseudonym(login or "unknown"),
        method=method[:100],
        reason=reason[:100],
        client=client,
    )


def methods_of(records: list[dict]) -> str:
    """The ways a sign-in was proven, from allauth's authentication records of the session:
    "password", "password+totp", "sso:region-h", "sso:region-h+idp_mfa" …"""
    steps = []
    for record in records:
        if record.get("method") == "socialaccount":
            steps.append(f"sso:{record.get('provider', '')}")
        elif record.get("method") == "mfa":
            steps.append(str(record.get("type", "mfa")))
        elif record.get("method"):
            steps.append(str(record["method"]))
    return "+".join(dict.fromkeys(steps))


@dataclass(frozen=True)
class PurgeResult:
    deleted: int
    before: datetime


def purge_old_records(*, dry_run: bool = False, now=None) -> PurgeResult:
    """Delete records older than SIGN_IN_RECORDS_KEPT_DAYS; a second run deletes nothing."""
    before = (now or timezone.now()) - timedelta(days=settings.SIGN_IN_RECORDS_KEPT_DAYS)
    old = SignInEvent.objects.filter(at__lt=before)
    if dry_run:
        return PurgeResult(old.count(), before)
    with transaction.atomic():
        deleted, _per_model = old.delete()
    return PurgeResult(deleted, before)
