from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from rkkp_portal import security
from rkkp_portal.accounts.signins.record import Kind, Outcome, record_event


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from appointments or the secretariat: nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        # A plain member's work is on their own page (#8); a new member arrives there from the
        # welcome letter's set-password link. Staff roles keep the dashboard; ?next= still wins.
        roles = request.user.roles
        if roles.person_id is not None and not roles.is_staff_role:
            return reverse("me")
        return super().get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Wrong passwords count per login *and* address (the "/key" part of login_failed).

        Counted per login alone, anyone anywhere who knows an address could lock its owner
        out with five wrong passwords every five minutes. Per pair, the attacker's guesses
        lock only the attacker's own address out of that login; the per-address limit
        ("10/m/ip") still stops one address trying many logins. (IPv6 counts per /64.)
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth refuses a login here once its failed-login limit is reached: log that."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            login = str(credentials.get("email") or "")
            security.log_rate_limited_login(request, login)
            record_event(
                kind=Kind.LOCK_OUT,
                outcome=Outcome.REFUSED,
                request=request,
                login=login,
                method="password",
                reason="rate_limit",
            )
            raise

    def get_login_stages(self) -> list[str]:
        """allauth's, with its second-factor step replaced by one that trusts an SSO
        provider's MFA (rkkp_portal/accounts/sso.py)."""
        stages = super().get_login_stages()
        ours = "rkkp_portal.accounts.sso.AuthenticateStage"
        return [
            ours if stage == "allauth.mfa.stages.AuthenticateStage" else stage for stage in stages
        ]

    def post_login(self, request, user, *, signal_kwargs=None, **kwargs):
        """After an SSO sign-in with the provider's MFA, staff need no TOTP of the portal's."""
        from rkkp_portal.accounts import sso
        from rkkp_portal.middleware import SESSION_KEY

        sociallogin = (signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and sso.provider_did_mfa(sociallogin):
            request.session[SESSION_KEY] = True
        return super().post_login(request, user, signal_kwargs=signal_kwargs, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff cannot switch their authenticator app off while MFA is required of them."""
        from rkkp_portal.middleware import is_staff_user

        if (
            settings.REQUIRE_STAFF_MFA
            and authenticator.type == Authenticator.Type.TOTP
            and is_staff_user(authenticator.user)
        ):
            return False
        return super().can_delete_authenticator(authenticator)
