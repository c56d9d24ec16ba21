"""Wrong passwords lock out one login from one address, not a login from everywhere; a
password reset tells nobody whether an address has a login. Real requests through allauth,
on the real cache (local memory on SQLite, Redis with REDIS_URL)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.security.helpers import sign_in, signed_in_user_id

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture
def karen(db):
    return UserFactory(email="karen.jensen@hospital.example")


def browser(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def lock_out(client: Client, user) -> None:
    for _ in range(5):
        assert sign_in(client, user, password="guess").status_code == 200


def test_a_stranger_cannot_lock_the_owner_out_from_elsewhere(karen):
    attacker = browser(ATTACKER)
    lock_out(attacker, karen)

    owner = browser(OWNER)
    sign_in(owner, karen)

    assert signed_in_user_id(owner) == str(karen.pk)


def test_the_stranger_is_locked_out_of_that_login_even_with_the_right_password(karen):
    attacker = browser(ATTACKER)
    lock_out(attacker, karen)

    refused = sign_in(attacker, karen)

    assert signed_in_user_id(attacker) is None
    assert "for mange gange uden held" in str(refused.context["form"].errors)


def test_an_ipv6_attacker_cannot_escape_by_changing_addresses_within_a_64(karen):
    for host in range(1, 6):
        sign_in(browser(f"2001:db8:1:2::{host}"), karen, password="guess")

    attacker = browser("2001:db8:1:2::99")
    sign_in(attacker, karen)

    assert signed_in_user_id(attacker) is None


def test_one_address_trying_many_logins_is_still_refused(db):
    users = [UserFactory() for _ in range(11)]
    attacker = browser(ATTACKER)
    for user in users[:10]:
        sign_in(attacker, user, password="guess")

    sign_in(attacker, users[10])

    assert signed_in_user_id(attacker) is None
    owner = browser(OWNER)
    sign_in(owner, users[10])
    assert signed_in_user_id(owner) == str(users[10].pk)


# --- Password reset ----------------------------------------------------------------------


def page_text(response, address: str) -> str:
    """The page without the address typed and without the per-request CSRF token."""
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode().replace(address, ""))


def reset(address: str):
    return Client().post(reverse("account_reset_password"), {"email": address}, follow=True)


def test_a_reset_for_an_address_without_a_login_sends_nothing(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    response = reset("ingen.konto@hospital.example")

    assert response.status_code == 200
    assert mail.outbox == []


def test_a_reset_answers_the_same_whether_or_not_the_address_has_a_login(karen, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    known = reset(karen.email)
    unknown = reset("ingen.konto@hospital.example")

    assert [message.to for message in mail.outbox] == [[karen.email]]
    assert (
        known.redirect_chain
        == unknown.redirect_chain
        == [(reverse("account_reset_password_done"), 302)]
    )
    assert page_text(known, karen.email) == page_text(unknown, "ingen.konto@hospital.example")
