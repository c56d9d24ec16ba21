"""allauth's rate limits work on the shared cache; refusals reach the security log without
personal data in the message (users by id, what strangers typed as a keyed hash)."""

import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from rkkp_portal.security import pseudonym
from tests.factories import UserFactory
from tests.security.helpers import sign_in, signed_in_user_id

LOGGER = "rkkp_portal.security"


@pytest.fixture
def karen(db):
    return UserFactory(
        email="karen.jensen@hospital.example", first_name="Karen", last_name="Jensen"
    )


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)

    def messages(containing: str = "") -> list[str]:
        return [
            record.getMessage()
            for record in caplog.records
            if record.name == LOGGER and containing in record.getMessage()
        ]

    return messages


def assert_no_personal_data(messages: list[str], user) -> None:
    for message in messages:
        personal_data = (user.email, user.email.split("@")[0], user.first_name, user.last_name)
        for personal in filter(None, personal_data):
            assert personal.lower() not in message.lower(), message
        assert "127.0.0.1" not in message


def test_rate_limits_use_redis_when_redis_url_is_set(karen):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the cache is local memory")
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"

    sign_in(Client(), karen, password="wrong")

    redis = cache._cache.get_client(write=False)
    assert redis.keys("*allauth:rl:allauth.account:login_failed*")


def test_repeated_failed_logins_for_one_account_are_refused(client, karen, security_log):
    for _ in range(5):
        response = sign_in(client, karen, password="wrong password")
        assert response.status_code == 200
        assert "too_many_login_attempts" not in str(response.context["form"].errors.as_data())

    refused = sign_in(client, karen)  # the right password, too late

    assert refused.status_code == 200
    assert signed_in_user_id(client) is None
    assert refused.context["form"].errors
    assert len(security_log("login failed")) == 5
    assert len(security_log("login refused by rate limit")) == 1
    assert_no_personal_data(security_log(), karen)


def test_many_failed_logins_from_one_address_are_refused(client, db, security_log):
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        sign_in(client, user, password="wrong password")

    sign_in(client, users[10])

    assert signed_in_user_id(client) is None
    assert len(security_log("login refused by rate limit")) == 1


def test_a_successful_login_is_not_refused_after_a_typo(client, karen):
    sign_in(client, karen, password="wrong password")

    sign_in(client, karen)

    assert signed_in_user_id(client) == str(karen.pk)


def test_a_failed_login_names_the_account_by_id_and_the_login_by_a_keyed_hash(
    client, karen, security_log
):
    sign_in(client, karen, password="wrong password")

    (message,) = security_log("login failed")
    assert f"user={karen.pk}" in message
    assert f"login={pseudonym(karen.email)}" in message
    assert_no_personal_data([message], karen)


def test_a_failed_login_for_an_unknown_address_is_logged_too(client, db, security_log):
    client.post(reverse("account_login"), {"login": "nobody@x.example", "password": "x"})

    (message,) = security_log("login failed")
    assert "user=-" in message
    assert "nobody" not in message
    assert f"login={pseudonym('NOBODY@x.example')}" in message


def test_the_pseudonym_is_keyed(settings):
    first = pseudonym("karen.jensen@hospital.example")
    settings.SECRET_KEY = "another-secret-key"
    assert pseudonym("karen.jensen@hospital.example") != first
    assert len(first) == 16


def test_a_wrong_second_factor_is_logged(client, karen, security_log):
    TOTP.activate(karen, generate_totp_secret())
    sign_in(client, karen)

    client.post(reverse("mfa_authenticate"), {"code": "000000"})

    (message,) = security_log("second factor failed")
    assert f"user={karen.pk}" in message
    assert_no_personal_data([message], karen)


def test_refused_requests_are_logged_by_view_and_user_id(client, member, security_log):
    client.force_login(member)

    assert client.get(reverse("representatives:overview")).status_code == 403
    assert client.get("/admin/login/").status_code == 403

    messages = security_log("authorisation refused")
    assert len(messages) == 2
    assert "view=representatives:overview" in messages[0]
    assert "view=admin:login" in messages[1]
    assert all(f"user={member.pk}" in message and "status=403" in message for message in messages)
    assert_no_personal_data(messages, member)


def test_a_csrf_refusal_is_logged(db, security_log):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("account_login"), {"login": "a@b.example", "password": "x"})

    assert response.status_code == 403
    (message,) = security_log("authorisation refused")
    assert "user=anonymous" in message
    assert "view=account_login" in message


def test_a_rate_limited_request_is_logged(client, karen, security_log):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": karen.email}).status_code
        for _ in range(6)
    ]

    assert statuses[-1] == 429
    (message,) = security_log("request refused by rate limit")
    assert "view=account_reset_password" in message
    assert_no_personal_data([message], karen)


def test_successful_requests_are_not_logged(client, member, security_log):
    client.force_login(member)

    client.get(reverse("me"))

    assert security_log() == []
