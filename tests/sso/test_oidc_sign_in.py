"""Staff sign in through a real OpenID Connect provider, end to end in Chromium (#17).

``provider.mjs`` runs npm's certified ``oidc-provider`` on loopback; the portal runs in
pytest-django's live server on this pass's database. Chromium clicks the portal's SSO
button, signs in at the provider, and comes back through allauth's callback (the code
exchange with PKCE, the ID token's issuer, audience and expiry checked, the session).
Nothing is mocked.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.conf import settings as django_settings

from rkkp_portal.accounts.models import SignInEvent, User
from tests import factories
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.security.helpers import totp_code

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = ROOT / "tests" / "sso" / "provider.mjs"
CLIENT_ID = "rkkp-portal"
CLIENT_SECRET = "a-client-secret-for-the-tests-only-0123456789"
MFA = ["pwd", "mfa"]
PASSWORD_ONLY = ["pwd"]
ACCOUNTS = {
    "chef@region.example": MFA,
    "ny@region.example": MFA,
    "sekretaer@region.example": PASSWORD_ONLY,
    "stranger@region.example": MFA,
    "medlem@region.example": MFA,
}
Kind, Outcome = SignInEvent.Kind, SignInEvent.Outcome


@pytest.fixture(scope="module")
def chromium():
    """Playwright's sync API runs an event loop in this thread; the test's own database
    reads and writes stay synchronous, so Django is told that is intended."""
    from playwright.sync_api import sync_playwright

    allow = pytest.MonkeyPatch()
    allow.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the SSO tests drive Debian's Chromium")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    allow.undo()


@pytest.fixture
def identity_provider(live_server, tmp_path):
    """The provider, told the portal's callback address and who may sign in there."""
    config = tmp_path / "provider.json"
    config.write_text(
        json.dumps(
            {
                "client": {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [
                        f"{live_server.url}/accounts/oidc/region-test/login/callback/"
                    ],
                },
                "accounts": {
                    login: {"email": login, "email_verified": True, "amr": amr}
                    for login, amr in ACCOUNTS.items()
                },
            }
        )
    )
    process = subprocess.Popen(
        ["node", str(PROVIDER), str(config)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.match(r"listening (http://\S+)", line)
        assert match, f"the provider did not start: {line!r}"
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(identity_provider, settings):
    """The region's provider as the secretariat would add it in the admin."""
    settings.REQUIRE_STAFF_MFA = True
    policy = django_settings.CONTENT_SECURITY_POLICY
    directives = dict(policy["DIRECTIVES"])
    directives["form-action"] = [*directives["form-action"], identity_provider]
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id="region-test",
        name="Region Test",
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings={"server_url": identity_provider},
    )


def staff_login(email: str, *, totp: bool = True) -> User:
    user = factories.make_secretariat(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if totp:
        TOTP.activate(user, generate_totp_secret())
    return user


def sign_in_through_the_provider(chromium, live_server, login: str):
    context = chromium.new_context(locale="da-DK")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Log ind med Region Test").click()
    page.wait_for_url(re.compile(r".*/interaction/.*"))
    page.get_by_label("Login").fill(login)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/(?!accounts/oidc/).*"))
    return context, page


def test_staff_whose_provider_did_mfa_are_signed_in_without_the_portals_code(
    chromium, live_server, sso
):
    user = staff_login("chef@region.example")

    context, page = sign_in_through_the_provider(chromium, live_server, "chef@region.example")

    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).count() == 1
    assert "/accounts/login/" not in page.url
    # The dashboard is reachable without enrolling or typing a code: signed in for real.
    page.goto(f"{live_server.url}/databases/")
    assert page.url == f"{live_server.url}/databases/"
    context.close()
    (event,) = SignInEvent.objects.filter(kind=Kind.SSO_SIGN_IN)
    assert (event.user, event.outcome) == (user, Outcome.SUCCEEDED)
    assert event.method == "sso:region-test+idp_mfa"
    assert not SignInEvent.objects.filter(kind=Kind.MFA_USE).exists()
    assert SocialAccount.objects.get(user=user).provider == "region-test"


def test_staff_without_the_portals_totp_need_not_enrol_when_their_provider_did_mfa(
    chromium, live_server, sso
):
    staff_login("ny@region.example", totp=False)

    context, page = sign_in_through_the_provider(chromium, live_server, "ny@region.example")
    page.goto(f"{live_server.url}/databases/")

    assert page.url == f"{live_server.url}/databases/"  # not sent to enrol TOTP
    context.close()


def test_staff_whose_provider_did_not_do_mfa_are_asked_for_the_portals_code(
    chromium, live_server, sso
):
    user = staff_login("sekretaer@region.example")
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)

    context, page = sign_in_through_the_provider(chromium, live_server, "sekretaer@region.example")

    assert page.url == f"{live_server.url}/accounts/2fa/authenticate/"
    page.goto(f"{live_server.url}/databases/")
    assert "/databases/" not in page.url  # not signed in before the code
    page.goto(f"{live_server.url}/accounts/2fa/authenticate/")
    page.get_by_label(re.compile("Kode|Code", re.I)).fill(totp_code(authenticator))
    page.get_by_role("button", name=re.compile("Log ind|Sign In|Bekræft", re.I)).click()
    page.wait_for_url(f"{live_server.url}/")
    context.close()
    (event,) = SignInEvent.objects.filter(kind=Kind.SSO_SIGN_IN)
    assert (event.user, event.method) == (user, "sso:region-test+totp")
    assert SignInEvent.objects.filter(kind=Kind.MFA_USE, outcome=Outcome.SUCCEEDED).count() == 1


def test_an_address_without_a_login_is_refused_and_no_account_is_made(chromium, live_server, sso):
    logins_before = User.objects.count()

    context, page = sign_in_through_the_provider(chromium, live_server, "stranger@region.example")

    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert "Log-ind via organisation er for medarbejdere" in page.content()
    context.close()
    assert User.objects.count() == logins_before
    assert not SocialAccount.objects.exists()
    (event,) = SignInEvent.objects.filter(kind=Kind.SSO_SIGN_IN)
    assert (event.user, event.outcome, event.reason) == (None, Outcome.REFUSED, "unknown_login")


def test_a_member_is_refused_and_keeps_signing_in_with_a_password(
    chromium, live_server, sso, member_seat
):
    member_seat.person.email = "medlem@region.example"
    member_seat.person.save(update_fields=["email"])
    member = factories.make_member_login(member_seat)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    context, page = sign_in_through_the_provider(chromium, live_server, "medlem@region.example")

    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert "Log-ind via organisation er for medarbejdere" in page.content()
    context.close()
    assert not SocialAccount.objects.exists()
    member.refresh_from_db()
    assert member.has_usable_password()
    (event,) = SignInEvent.objects.filter(kind=Kind.SSO_SIGN_IN)
    assert (event.user, event.outcome, event.reason) == (member, Outcome.REFUSED, "not_staff")
