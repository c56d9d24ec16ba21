"""Sessions read from the cache (Redis in production and CI) still end wherever they end.

Every way of ending a session must remove the cached copy as well as the database row:
a copy left in the cache would keep the browser signed in. (tests/conftest.py gives every
test the cached store; tests/test_settings.py checks which store a deployment gets.)
"""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from rkkp_portal.accounts.services import deactivate_login
from tests.security.helpers import sign_in, signed_in_user_id

# Any page that needs a login; the member's own session list keeps these tests about
# sessions rather than about what /me/ shows.
SIGNED_IN_PAGE = "usersessions_list"


def cached(key: str):
    return cache.get(cached_db.KEY_PREFIX + key)


def signed_in_member(client, member) -> str:
    sign_in(client, member)
    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    key = client.session.session_key
    assert cached(key) is not None
    return key


@pytest.mark.parametrize("how", ["saved", "service"])
def test_a_deactivated_login_s_cached_session_no_longer_works(client, member, secretariat, how):
    key = signed_in_member(client, member)

    if how == "saved":
        member.is_active = False
        member.save()
    else:
        deactivate_login(actor=secretariat, user=member)

    assert cached(key) is None
    assert not Session.objects.filter(session_key=key).exists()
    member.is_active = True
    member.save()
    response = client.get(reverse(SIGNED_IN_PAGE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_signing_out_removes_the_cached_copy(client, member):
    key = signed_in_member(client, member)

    client.post(reverse("account_logout"))

    assert cached(key) is None
    assert not Session.objects.filter(session_key=key).exists()


def test_ending_another_session_from_the_session_list_removes_its_cached_copy(
    client, second_client, member
):
    other_key = signed_in_member(second_client, member)
    signed_in_member(client, member)

    UserSession.objects.get(session_key=other_key).end()

    assert cached(other_key) is None
    assert second_client.get(reverse(SIGNED_IN_PAGE)).status_code == 302


def test_a_changed_password_ends_the_cached_session(client, member):
    signed_in_member(client, member)

    member.set_password("another horse battery")
    member.save()

    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 302
    assert signed_in_user_id(client) is None


class UnreachableCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis is down")

    set = get

    def __contains__(self, key):
        raise ConnectionError("Redis is down")


def test_pages_are_served_from_the_database_when_the_cache_fails(
    client, member, settings, monkeypatch
):
    key = signed_in_member(client, member)
    monkeypatch.setattr(cached_db, "caches", {settings.SESSION_CACHE_ALIAS: UnreachableCache()})

    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    assert Session.objects.filter(session_key=key).exists()
