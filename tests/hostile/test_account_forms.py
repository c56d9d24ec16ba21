"""The account pages (django-allauth, configured in rkkp_portal/accounts) with hostile input:
login, password reset, password change and re-authentication.

TOTP enrolment is not driven: allauth sends even a freshly logged-in test client to
re-authenticate first, so its code form is reached only through that password form,
which is driven here."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Rate limits answer 429 after a few tries; here every example must reach the form."""
    settings.ACCOUNT_RATE_LIMITS = False


@examples(10)
@given(
    data=form_data(
        {"login": "sekretariat@rkkp.example", "password": "wrong"},
        {"login": "email", "password": "text"},
    )
)
def test_logging_in(world, data):
    with rolled_back():
        submit(world.anonymous, reverse("account_login"), data)


@examples(8)
@given(data=form_data({"email": "sekretariat@rkkp.example"}, {"email": "email"}))
def test_asking_for_a_password_reset(world, data):
    with rolled_back():
        submit(world.anonymous, reverse("account_reset_password"), data)


@examples(8)
@given(
    data=form_data(
        {
            "oldpassword": "correct horse battery",
            "password1": "a new Long passphrase 2026",
            "password2": "a new Long passphrase 2026",
        },
        {"oldpassword": "text", "password1": "text", "password2": "text"},
    )
)
def test_changing_the_password(world, data):
    with rolled_back():
        submit(world.member, reverse("account_change_password"), data)


@examples(8)
@given(data=form_data({"password": "wrong"}, {"password": "text"}))
def test_reauthenticating(world, data):
    with rolled_back():
        submit(world.secretariat, reverse("account_reauthenticate"), data)
