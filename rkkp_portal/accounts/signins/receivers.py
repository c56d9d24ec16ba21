"""Signal receivers that turn allauth's and Django's login signals into sign-in records.

Connected once from the accounts app's ``ready()`` (``connect``). Lock-outs and refused
single sign-ons have no signal; ``AccountAdapter.pre_authenticate`` and the SSO adapter
record those.
"""

from allauth.account.internal.flows.login import get_authentication_records
from django.contrib.auth.signals import user_logged_out, user_login_failed

from rkkp_portal.accounts.signins.record import Kind, Outcome, methods_of, record_event


def _signed_in(sender, request, user, sociallogin=None, **kwargs) -> None:
    from rkkp_portal.accounts import sso

    method = methods_of(get_authentication_records(request, user))
    if sociallogin is None:
        record_event(
            kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, request=request, user=user, method=method
        )
        return
    if sso.provider_did_mfa(sociallogin):
        method = f"{method}+idp_mfa"
    record_event(
        kind=Kind.SSO_SIGN_IN,
        outcome=Outcome.SUCCEEDED,
        request=request,
        user=user,
        method=method,
    )


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is None or user.pk is None:
        return
    record_event(kind=Kind.SIGN_OUT, outcome=Outcome.SUCCEEDED, request=request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    login = str(credentials.get("email") or credentials.get("username") or "")
    record_event(
        kind=Kind.FAILED_ATTEMPT,
        outcome=Outcome.FAILED,
        request=request,
        login=login,
        method="password",
    )


def _password_reset(sender, request, user, **kwargs) -> None:
    record_event(
        kind=Kind.PASSWORD_RESET,
        outcome=Outcome.SUCCEEDED,
        request=request,
        user=user,
        method="email_link",
    )


def _authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    record_event(
        kind=Kind.MFA_ENROLMENT,
        outcome=Outcome.SUCCEEDED,
        request=request,
        user=user,
        method=authenticator.type,
    )


def _authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    record_event(
        kind=Kind.MFA_USE,
        outcome=Outcome.SUCCEEDED,
        request=request,
        user=user,
        method=authenticator.type,
    )


def _authentication_failed(sender, request, user, authenticator=None, **kwargs) -> None:
    record_event(
        kind=Kind.MFA_USE,
        outcome=Outcome.FAILED,
        request=request,
        user=user,
        method=getattr(authenticator, "type", "") or "",
    )


def connect() -> None:
    from allauth.account import signals as account
    from allauth.mfa import signals as mfa

    receivers = [
        (account.user_logged_in, _signed_in),
        (user_logged_out, _signed_out),
        (user_login_failed, _login_failed),
        (account.password_reset, _password_reset),
        (mfa.authenticator_added, _authenticator_added),
        (mfa.authenticator_used, _authenticator_used),
        (mfa.authentication_failed, _authentication_failed),
    ]
    for signal, receiver in receivers:
        signal.connect(receiver, dispatch_uid=f"rkkp_sign_in_record{receiver.__name__}")
