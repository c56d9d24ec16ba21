"""Single sign-on for staff through their organisation's OpenID Connect provider (#17).

allauth's ``socialaccount`` with the ``openid_connect`` provider does the protocol (the
redirect, the code exchange, the ID token's issuer, audience and expiry); this module
decides who may come in that way and whether the portal asks for its own second factor:

- only an active login that already holds a staff role (secretariat, regional
  administrator, the health directors' circle, Django staff) is let in, matched on an
  e-mail address the provider vouches for and the portal has verified. Nobody signs up
  through SSO; members keep their e-mail and password.
- when the ID token says the provider did multi-factor authentication (``amr`` or
  ``acr``, values set per provider), the portal does not ask for its TOTP code again and
  does not make the user enrol one; otherwise it asks, as for a password login.

Each provider is a ``SocialApp`` (the admin) or an entry of SSO_OIDC_PROVIDERS (README,
"Single sign-on for staff").
"""

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from rkkp_portal.accounts.signins.record import Kind, Outcome, record_event

# RFC 8176 values that mean more than one factor (Entra ID and AD FS send "mfa").
DEFAULT_MFA_AMR = ("mfa",)


def id_token_claims(sociallogin) -> dict:
    """The claims of the verified ID token (allauth keeps them apart from userinfo)."""
    claims = (sociallogin.account.extra_data or {}).get("id_token")
    return claims if isinstance(claims, dict) else {}


def provider_did_mfa(sociallogin) -> bool:
    """Does the ID token say the provider used more than one factor?

    Only the signed ID token counts, never the userinfo answer. A provider's settings may
    name its own values: ``"mfa_amr": ["mfa", "hwk"]``, ``"mfa_acr": ["…/Substantial"]``.
    """
    app = getattr(sociallogin.provider, "app", None)
    options = getattr(app, "settings", None) or {}
    claims = id_token_claims(sociallogin)
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(options.get("mfa_amr", DEFAULT_MFA_AMR)):
        return True
    return bool(claims.get("acr")) and claims.get("acr") in options.get("mfa_acr", ())


def _provider_email(sociallogin) -> str:
    verified = [address.email for address in sociallogin.email_addresses if address.verified]
    return verified[0] if verified else ""


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        """Let in staff only; refuse everyone else before anything is stored."""
        from rkkp_portal.middleware import is_staff_user

        user = sociallogin.user if sociallogin.is_existing else None
        email = _provider_email(sociallogin)
        method = f"sso:{sociallogin.provider.app.provider_id or sociallogin.provider.id}"
        if user is None:
            self._refuse(request, login=email, method=method, reason="unknown_login")
        if not sociallogin.account.pk and not EmailAddress.objects.filter(
            user=user, email__iexact=email, verified=True
        ):
            # Matched by an address the portal never verified: allauth would wipe the
            # password; refuse instead (the secretariat verifies addresses).
            self._refuse(request, user=user, method=method, reason="email_not_verified")
        if not user.is_active:
            self._refuse(request, user=user, method=method, reason="inactive")
        if not is_staff_user(user):
            self._refuse(request, user=user, method=method, reason="not_staff")

    def _refuse(self, request, *, method: str, reason: str, user=None, login: str = ""):
        record_event(
            kind=Kind.SSO_SIGN_IN,
            outcome=Outcome.REFUSED,
            request=request,
            user=user,
            login=login if user is None else "",
            method=method,
            reason=reason,
        )
        messages.error(
            request,
            _(
                "Single sign-on is for RKKP staff and regional administrators who already "
                "have a login here. Sign in with your e-mail address and password instead, "
                "or ask the RKKP secretariat."
            ),
        )
        raise ImmediateHttpResponse(redirect("account_login"))


class AuthenticateStage(AllauthAuthenticateStage):
    """allauth's second-factor step, skipped when the SSO provider already did MFA."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and provider_did_mfa(sociallogin):
            return False
        return super()._should_handle(request)
