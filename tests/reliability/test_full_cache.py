"""A full cache stops neither logins nor letters (#21 point 7).

The cache is a redis-server of the test's own with the production cache's rules
(docker-compose.yml's cache service: a memory ceiling, allkeys-lru) and a tiny ceiling,
filled until it evicts. Logins write their session and rate-limit counters to it; the
worker that delivers the letters uses it too, while the broker is another Redis.
"""

import datetime
import os

import pytest
import redis
from django.urls import reverse

from rkkp_portal.config.caches import caches
from steering.models import Message
from steering.register.services.memberships import appoint_member
from tests import factories
from tests.reliability.conftest import (
    RedisServer,
    free_port,
    status_of,
    wait_for,
)

PASSWORD = "correct horse battery"
CEILING = 3 * 1024 * 1024


def start_full_cache(tmp_path, policy: str) -> tuple[RedisServer, redis.Redis]:
    """A redis-server with a 3 MB ceiling and ``policy``, filled until it evicts or refuses."""
    server = RedisServer(
        free_port(),
        tmp_path / "cache.log",
        "--maxmemory",
        str(CEILING),
        "--maxmemory-policy",
        policy,
    )
    server.start()
    client = redis.Redis(port=server.port)
    filler, written = b"x" * 4096, 0
    try:
        while client.info("stats")["evicted_keys"] == 0:
            with client.pipeline(transaction=False) as pipe:
                for _ in range(100):
                    pipe.set(f"filler:{written}", filler)
                    written += 1
                pipe.execute()
    except redis.exceptions.OutOfMemoryError:
        pass  # noeviction: full, and refusing writes
    assert client.info("memory")["used_memory"] > CEILING * 0.9
    return server, client


@pytest.fixture
def full_cache(tmp_path, settings):
    """A full cache with the production cache's rules (allkeys-lru)."""
    server, client = start_full_cache(tmp_path, "allkeys-lru")
    try:
        settings.CACHES = caches(server.url)
        yield server, client
    finally:
        server.stop()


def evicted(client) -> int:
    return client.info("stats")["evicted_keys"]


@pytest.mark.django_db
def test_people_log_in_and_stay_logged_in_while_the_cache_is_full(client, full_cache):
    _, cache = full_cache
    factories.UserFactory(email="karen@hospital.example")
    before = evicted(cache)
    # A wrong password is refused and counted (allauth keeps the count in the cache).
    refused = client.post(
        reverse("account_login"), {"login": "karen@hospital.example", "password": "wrong"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors

    response = client.post(
        reverse("account_login"), {"login": "karen@hospital.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    # The session went into the full cache: room was made for it by evicting filler.
    session_key = client.cookies["sessionid"].value
    assert any(session_key.encode() in key for key in cache.scan_iter("*session*"))
    assert evicted(cache) > before


@pytest.mark.django_db
def test_with_the_brokers_rules_a_full_cache_would_refuse_logins(client, tmp_path, settings):
    """Why the cache is not the broker's Redis: with noeviction a full cache refuses the
    login's writes, and the login fails."""
    server, _ = start_full_cache(tmp_path, "noeviction")
    try:
        settings.CACHES = caches(server.url)
        factories.UserFactory(email="karen@hospital.example")
        client.raise_request_exception = False

        response = client.post(
            reverse("account_login"), {"login": "karen@hospital.example", "password": PASSWORD}
        )

        assert response.status_code == 500
    finally:
        server.stop()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)")
def test_letters_are_delivered_while_the_cache_is_full(
    full_cache, start_worker, smtp_server, broker, client
):
    server, cache = full_cache
    assert server.url != broker.url
    worker = start_worker(CACHE_URL=server.url)
    handler, _port = smtp_server
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    client.force_login(secretariat)
    assert client.get(reverse("dashboard")).status_code == 200
    hovedstaden = factories.region("hovedstaden")
    person = factories.PersonFactory(email="karen.blixen@regionh.example")
    before = evicted(cache)

    membership = appoint_member(
        actor=secretariat,
        person=person,
        group=factories.GroupFactory(database__contact_person=secretariat),
        role="member",
        representing_region=hovedstaden,
        term_start=datetime.date(2026, 1, 1),
    )

    key = f"welcome:{membership.pk}"
    wait_for(lambda: handler.with_key(key), workers=(worker,), what="the welcome letter")
    message = Message.objects.get(idempotency_key=key)
    wait_for(lambda: status_of(message) == "sent", workers=(worker,), what="the sent status")
    assert client.get(reverse("dashboard")).status_code == 200
    assert evicted(cache) >= before
