"""Every kind of sign-in event is recorded from the real allauth flows, without secrets."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse

from rkkp_portal.accounts.models import SignInEvent
from rkkp_portal.security import pseudonym
from tests.factories import UserFactory
from tests.security.helpers import PASSWORD, code_for_secret, sign_in, totp_code

Kind, Outcome = SignInEvent.Kind, SignInEvent.Outcome


@pytest.fixture
def karen(db):
    return UserFactory(email="karen.jensen@hospital.example", first_name="Karen")


def only_event(**filters) -> SignInEvent:
    (event,) = SignInEvent.objects.filter(**filters)
    return event


def assert_holds_no_secret(*secrets: str) -> None:
    """No column of any record holds a password, a code, an address or the e-mail typed."""
    for values in SignInEvent.objects.values_list(
        "login_hash", "method", "reason", "client", "kind", "outcome"
    ):
        for value in values:
            for secret in secrets:
                assert secret.lower() not in value.lower()


def test_a_password_sign_in_is_recorded_with_who_how_and_a_keyed_client_address(client, karen):
    sign_in(client, karen)

    event = only_event(kind=Kind.SIGN_IN)
    assert (event.user, event.outcome, event.method) == (karen, Outcome.SUCCEEDED, "password")
    assert event.client == pseudonym("127.0.0.1")
    assert re.fullmatch(r"[0-9a-f]{16}", event.client)
    assert event.login_hash == ""
    assert_holds_no_secret(PASSWORD, "127.0.0.1", karen.email)


def test_a_sign_out_is_recorded(client, karen):
    sign_in(client, karen)

    client.post(reverse("account_logout"))

    event = only_event(kind=Kind.SIGN_OUT)
    assert (event.user, event.outcome) == (karen, Outcome.SUCCEEDED)


def test_a_wrong_password_is_a_failed_attempt_on_the_known_login(client, karen):
    sign_in(client, karen, password="Wrong-password-42")

    event = only_event(kind=Kind.FAILED_ATTEMPT)
    assert (event.user, event.outcome, event.login_hash) == (karen, Outcome.FAILED, "")
    assert not SignInEvent.objects.filter(kind=Kind.SIGN_IN).exists()
    assert_holds_no_secret("Wrong-password-42", PASSWORD, "127.0.0.1")


def test_an_attempt_at_an_unknown_address_keeps_only_its_keyed_hash(client, db):
    client.post(reverse("account_login"), {"login": "Nobody@X.example", "password": "guess-1"})

    event = only_event(kind=Kind.FAILED_ATTEMPT)
    assert event.user is None
    assert event.login_hash == pseudonym("nobody@x.example")
    assert_holds_no_secret("nobody", "guess-1")


def test_the_attempt_past_the_limit_is_a_lock_out(client, karen):
    for _ in range(5):
        sign_in(client, karen, password="Wrong-password-42")

    sign_in(client, karen)

    assert SignInEvent.objects.filter(kind=Kind.FAILED_ATTEMPT).count() == 5
    event = only_event(kind=Kind.LOCK_OUT)
    assert (event.user, event.outcome, event.reason) == (karen, Outcome.REFUSED, "rate_limit")
    assert not SignInEvent.objects.filter(kind=Kind.SIGN_IN).exists()


def test_a_password_reset_is_recorded(client, karen, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(reverse("account_reset_password"), {"email": karen.email})
    link = re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+", mail.outbox[0].body)
    form = client.get(link.group(0), follow=True)
    new_password = "Another-long-Passphrase-77"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})

    event = only_event(kind=Kind.PASSWORD_RESET)
    assert (event.user, event.outcome, event.method) == (karen, Outcome.SUCCEEDED, "email_link")
    assert_holds_no_secret(new_password, link.group(0).rsplit("/", 2)[-2])


def test_enrolling_an_authenticator_app_is_recorded(
    client, karen, django_capture_on_commit_callbacks
):
    sign_in(client, karen)
    # allauth asks for the password again before any change to MFA.
    client.post(client.get(reverse("mfa_activate_totp"))["Location"], {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]

    # allauth sends its signal once the enrolment is committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": code_for_secret(secret)})

    methods = set(
        SignInEvent.objects.filter(kind=Kind.MFA_ENROLMENT, user=karen).values_list(
            "method", flat=True
        )
    )
    assert "totp" in methods
    assert_holds_no_secret(secret)


def test_a_second_factor_used_and_failed_is_recorded(client, karen):
    authenticator = TOTP.activate(karen, generate_totp_secret()).instance
    sign_in(client, karen)
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    code = totp_code(authenticator)

    client.post(reverse("mfa_authenticate"), {"code": code})

    failed = only_event(kind=Kind.MFA_USE, outcome=Outcome.FAILED)
    used = only_event(kind=Kind.MFA_USE, outcome=Outcome.SUCCEEDED)
    assert failed.user == used.user == karen
    assert used.method == Authenticator.Type.TOTP
    sign_in_event = only_event(kind=Kind.SIGN_IN)
    assert sign_in_event.method == "password+totp"
    assert sign_in_event.method_label == "adgangskode + godkendelsesapp"
    assert_holds_no_secret(code, "000000")
