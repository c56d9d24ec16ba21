"""A web request's id in the worker's JSON log lines of the tasks it queued, and a
worker's errors at the error tracker with that id (#21 point 9). Real worker, real broker,
real SMTP server on loopback (conftest.py); the error tracker is a listener on loopback."""

import json
import os

import pytest
from django.urls import reverse

from rkkp_portal import request_ids
from rkkp_portal.celery import app as celery_app
from steering.models import Message
from tests import factories
from tests.errors.listener import start_listener
from tests.reliability.conftest import reliability_marks, status_of, wait_for

pytestmark = reliability_marks


def json_lines(text: str) -> list[dict]:
    entries = []
    for line in text.splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


def test_the_request_id_of_the_request_that_queued_a_letter_is_on_its_delivery_log_lines(
    start_worker, smtp_server, client
):
    handler, _ = smtp_server
    worker = start_worker(LOG_FORMAT="json")
    secretariat = factories.make_secretariat()
    message = Message.objects.create(
        kind=Message.Kind.NOTICE,
        idempotency_key="request-id-letter",
        recipient_email="karen@hospital.example",
        subject="Prøve",
        body_text="Kære Karen",
        status=Message.Status.FAILED,
    )
    client.force_login(secretariat)

    response = client.post(
        reverse("steering:message-retry", args=[message.pk]),
        HTTP_X_REQUEST_ID="proxy-7f3a9c",
    )

    assert response.status_code == 302
    assert response["X-Request-ID"] == "proxy-7f3a9c"
    wait_for(lambda: status_of(message) == "sent", workers=(worker,), what="the letter")
    assert handler.with_key("request-id-letter")
    worker.stop()
    entries = json_lines(worker.log())
    assert entries, worker.log()
    assert all({"time", "level", "logger", "message", "request_id"} <= set(e) for e in entries)
    delivery = [e for e in entries if e.get("task") == "steering.letters.tasks.deliver_message"]
    assert delivery, worker.log()
    assert {e["request_id"] for e in delivery} == {"proxy-7f3a9c"}
    # Lines outside any task carry none (no id is left over from a task).
    assert any(e["request_id"] is None for e in entries if "task" not in e)


def test_a_request_without_an_id_gets_one_and_its_tasks_carry_it(start_worker, smtp_server, client):
    worker = start_worker(LOG_FORMAT="json")
    message = Message.objects.create(
        kind=Message.Kind.NOTICE,
        idempotency_key="generated-id-letter",
        recipient_email="karen@hospital.example",
        subject="Prøve",
        body_text="Kære Karen",
        status=Message.Status.FAILED,
    )
    client.force_login(factories.make_secretariat())

    response = client.post(
        reverse("steering:message-retry", args=[message.pk]),
        HTTP_X_REQUEST_ID="not an id\nfake log line",
    )

    generated = response["X-Request-ID"]
    assert len(generated) == 32 and generated.isalnum()
    wait_for(lambda: status_of(message) == "sent", workers=(worker,), what="the letter")
    worker.stop()
    delivery = [e for e in json_lines(worker.log()) if e.get("task")]
    assert delivery and {e["request_id"] for e in delivery} == {generated}


@pytest.fixture
def listener():
    server, received, dsn = start_listener()
    try:
        yield received, dsn
    finally:
        server.shutdown()
        server.server_close()


def test_a_task_failing_in_the_worker_reaches_the_error_tracker_with_its_request_id(
    listener, start_worker, broker
):
    received, dsn = listener
    # A database that does not exist: the task fails as soon as it asks for letters.
    worker = start_worker(
        SENTRY_DSN=dsn,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/rkkp_no_such_database",
    )
    worker.wait_ready()
    token = request_ids._current.set("request-from-web-7")
    try:
        celery_app.send_task("steering.tasks.sweep_outbox", queue=broker.queue)
    finally:
        request_ids._current.reset(token)

    wait_for(
        lambda: any(e.get("exception") for e in received.events()),
        workers=(worker,),
        what="the worker's error event",
    )
    [crash, *_] = [e for e in received.events() if e.get("exception")]
    assert crash["tags"]["request_id"] == "request-from-web-7"
    assert crash["exception"]["values"][-1]["type"] == "OperationalError"
    assert crash["extra"] == {"celery-job": {"task_name": "steering.tasks.sweep_outbox"}}
    assert os.environ.get("SENTRY_DSN") is None  # the test process itself reports nothing
