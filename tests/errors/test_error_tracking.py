"""Errors reach a person, without personal data (#21 point 9): with SENTRY_DSN set, web
and worker send their errors to it; the DSN here points at a listener on loopback that
keeps the envelopes, so the test reads exactly what would have left the machine."""

import os
import subprocess
import sys

import pytest

from rkkp_portal import error_tracking
from tests.errors.listener import start_listener

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERSONAL = [
    "Karen",
    "Blixen",
    "karen.blixen",
    "regionh.example",
    "cookie-secret-123",
    "token-secret-456",
    "body-secret-789",
    "header-secret-000",
]


@pytest.fixture
def listener():
    server, received, dsn = start_listener()
    try:
        yield received, dsn
    finally:
        server.shutdown()
        server.server_close()


def run_probe(**environment: str) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")},
        "DEBUG": "0",
        "SECRET_KEY": "probe-only-secret-key",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-m", "tests.errors.probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_failing_request_reaches_the_dsn_with_personal_data_scrubbed(listener):
    received, dsn = listener

    result = run_probe(SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="test")

    assert result.returncode == 0 and "status 500" in result.stdout, result.stderr
    events = received.events()
    [crash] = [e for e in events if e.get("exception")]
    [exception] = crash["exception"]["values"]
    assert exception["type"] == "ValueError"
    assert exception["value"] == "No seat for <address>"
    assert crash["environment"] == "test"
    assert crash["tags"]["request_id"] == "probe-request-1"
    request = crash["request"]
    assert request["url"].endswith("/me/calendar/***.ics")
    assert request["method"] == "POST"
    assert not {"cookies", "data", "query_string", "env"} & set(request)
    assert {name.lower() for name in request["headers"]} <= error_tracking.KEPT_HEADERS
    assert "user" not in crash
    for frame in exception["stacktrace"]["frames"]:
        assert "vars" not in frame
    # The logged error: its template, not the name and address put into it.
    logged = [e for e in events if (e.get("logentry") or {}).get("message")]
    assert any(e["logentry"]["message"] == "Could not reach %s %s at %s" for e in logged)
    everything = received.text()
    leaked = [value for value in PERSONAL if value in everything]
    assert not leaked, f"sent to the error tracker: {leaked}"


def test_without_a_dsn_nothing_is_sent_and_sentry_is_not_started(listener):
    received, _ = listener

    result = run_probe()

    assert result.returncode == 0 and "status 500" in result.stdout, result.stderr
    assert received.bodies == []
    assert error_tracking.init_error_tracking("", environment="x") is False


def test_the_scrubber_leaves_what_a_developer_needs():
    event = {
        "exception": {"values": [{"type": "KeyError", "value": "'seat'", "stacktrace": {}}]},
        "request": {"url": "https://portal.example/meetings/answer/abc/?x=1", "method": "GET"},
        "logentry": {"message": "Seat %s", "params": ["Karen"], "formatted": "Seat Karen"},
        "extra": {"celery-job": {"task_name": "t", "args": ["a@b.dk"], "kwargs": {}}},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT", "data": {"p": 1}}]},
    }

    scrubbed = error_tracking.scrub(event)

    assert scrubbed["exception"]["values"][0]["value"] == "'seat'"
    assert scrubbed["request"]["url"] == "https://portal.example/meetings/answer/***/"
    assert scrubbed["logentry"] == {"message": "Seat %s"}
    assert scrubbed["extra"]["celery-job"] == {"task_name": "t"}
    assert scrubbed["breadcrumbs"]["values"] == [{"category": "query", "message": "SELECT"}]
