"""Every request has an id: the proxy's X-Request-ID or a new one, answered in the same
header and written on the request's log lines (JSON with LOG_FORMAT=json). The tasks it
queues carry it into the worker: tests/reliability/test_request_ids_and_errors.py."""

import io
import json
import logging
import logging.config

import pytest
from django.urls import reverse

from rkkp_portal import request_ids
from rkkp_portal.config.logs import logging_config


@pytest.fixture
def json_log():
    """The portal's own handler configuration, writing JSON to a buffer."""
    config = logging_config(level="INFO", log_format="json")
    handler_config = config["handlers"]["console"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    configured = logging.config.dictConfigClass(config)
    handler.setFormatter(configured.configure_custom(dict(config["formatters"]["json"])))
    for name in handler_config["filters"]:
        handler.addFilter(configured.configure_custom(dict(config["filters"][name])))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_the_proxys_request_id_is_answered_and_on_every_log_line_of_the_request(client, json_log):
    response = client.post(
        reverse("account_login"),
        {"login": "nobody@hospital.example", "password": "wrong password"},
        HTTP_X_REQUEST_ID="proxy-1a2b3c",
    )

    assert response["X-Request-ID"] == "proxy-1a2b3c"
    entries = lines(json_log)
    security = [e for e in entries if e["logger"] == "rkkp_portal.security"]
    assert security, entries
    assert {e["request_id"] for e in security} == {"proxy-1a2b3c"}
    assert {"time", "level", "logger", "message"} <= set(security[0])
    assert "nobody@hospital.example" not in json_log.getvalue()
    assert request_ids.current() is None  # nothing is left behind after the request


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incoming", ["", "two words", "line\r\nbreak", "x" * 101, "æøå", "<script>"]
)
def test_a_missing_or_strange_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=incoming)

    answered = response["X-Request-ID"]
    assert answered != incoming
    assert len(answered) == 32 and int(answered, 16) >= 0


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get(reverse("health"))["X-Request-ID"]
    second = client.get(reverse("health"))["X-Request-ID"]
    assert first != second


def test_the_json_lines_mask_tokens_and_escape_nothing_into_a_new_line(json_log):
    logging.getLogger("rkkp_portal.test").warning(
        "Feed %s asked", "/me/calendar/secret-token.ics\nERROR a forged line"
    )
    try:
        raise ValueError("/meetings/answer/another-secret/ failed")
    except ValueError:
        logging.getLogger("rkkp_portal.test").exception("Broken")

    first, second = lines(json_log)
    assert first["message"] == "Feed /me/calendar/***.ics\\nERROR a forged line asked"
    assert first["request_id"] is None and first["level"] == "WARNING"
    assert "another-secret" not in second["exception"]
    assert "/meetings/answer/***/" in second["exception"]
