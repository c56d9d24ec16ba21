"""Letters reach a real SMTP server through a real Celery worker, exactly once.

The worker is a separate process consuming a queue of its own on the REDIS_URL broker,
with the test database as its database and a local aiosmtpd server as its mail server.
"""

import datetime
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from rkkp_portal.celery import app as celery_app
from steering import outbox
from steering.models import Message
from steering.tasks import deliver_message

BASE_DIR = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)"),
]


class CollectingHandler:
    """An SMTP server's DATA handler that keeps every message it accepts."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def with_key(self, key: str) -> list[email.message.EmailMessage]:
        with self._lock:
            return [m for m in self.messages if m["X-RKKP-Message-Key"] == key]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_database_url() -> str:
    """The URL of the database pytest-django created, for the worker process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


def wait_for(condition, *, worker: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode} while waiting for {what}")
        time.sleep(0.2)
    pytest.fail(f"timed out after {WAIT_SECONDS} s waiting for {what}")


def queued_message(subject: str, recipient: str) -> Message:
    return Message.objects.create(
        kind=Message.Kind.NOTICE,
        idempotency_key=f"test-{uuid.uuid4()}",
        recipient_email=recipient,
        subject=subject,
        body_text="Kære medlem\n\nDette er en prøve.",
    )


def status_of(message: Message) -> str:
    return Message.objects.values_list("status", flat=True).get(pk=message.pk)


@pytest.fixture
def smtp_server():
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


@pytest.fixture
def broker_not_eager():
    """Publish to the real broker from this process, whatever the suite's default is."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture
def worker(transactional_db, smtp_server, broker_not_eager, tmp_path):
    """A real worker on a queue of its own; yields (queue, process)."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database server it can share (PostgreSQL)")
    _, smtp_port = smtp_server
    queue = f"rkkp-test-{uuid.uuid4().hex[:12]}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("EMAIL_") and key != "SECRET_KEY"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="rkkp_portal.settings",
        DATABASE_URL=worker_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        # DEBUG on so no SECRET_KEY is needed; EMAIL_HOST selects the SMTP backend.
        DEBUG="1",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
        PYTHONUNBUFFERED="1",
    )
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rkkp_portal",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "-l",
                "info",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield queue, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        # Shown by pytest only when the test failed.
        print(f"--- worker output ({log_path}) ---")
        print(log_path.read_text(errors="replace"))


def test_a_worker_delivers_a_queued_letter_once_even_when_the_task_is_sent_twice(
    worker, smtp_server
):
    queue, process = worker
    handler, _ = smtp_server
    message = queued_message("Velkommen i styregruppen – æøå", "medlem@rkkp.example")

    deliver_message.apply_async(args=[message.pk], queue=queue)

    wait_for(
        lambda: (
            status_of(message) == Message.Status.SENT and handler.with_key(message.idempotency_key)
        ),
        worker=process,
        what="the first delivery",
    )
    [mail] = handler.with_key(message.idempotency_key)
    assert mail["Subject"] == "Velkommen i styregruppen – æøå"
    assert mail["To"] == "medlem@rkkp.example"
    assert handler.recipients == [["medlem@rkkp.example"]]

    # Redelivery of the same id (a broker redelivering after a lost ack) must not resend.
    deliver_message.apply_async(args=[message.pk], queue=queue)
    # The solo worker takes its queue in order, so once a later letter is out,
    # the duplicate task has been handled.
    sentinel = queued_message("Sentinel", "sentinel@rkkp.example")
    deliver_message.apply_async(args=[sentinel.pk], queue=queue)
    wait_for(
        lambda: status_of(sentinel) == Message.Status.SENT,
        worker=process,
        what="the letter queued after the duplicate",
    )

    assert len(handler.with_key(message.idempotency_key)) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None


def test_the_sweeper_hands_a_letter_nobody_enqueued_to_the_worker(worker, smtp_server):
    queue, process = worker
    handler, _ = smtp_server
    message = queued_message("Glemt brev", "formand@rkkp.example")
    # auto_now_add ignores a given created_at, so age the row afterwards.
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - outbox.STALE_QUEUED_AFTER - datetime.timedelta(minutes=1)
    )
    fresh = queued_message("Nyt brev", "medlem@rkkp.example")

    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        swept = outbox.sweep()
    finally:
        celery_app.conf.task_default_queue = previous_queue

    assert swept == 1
    wait_for(
        lambda: status_of(message) == Message.Status.SENT,
        worker=process,
        what="the swept letter",
    )
    [mail] = handler.with_key(message.idempotency_key)
    assert mail["Subject"] == "Glemt brev"
    # A young queued row is still on its way through on_commit; the sweeper leaves it.
    assert status_of(fresh) == Message.Status.QUEUED
    assert handler.with_key(fresh.idempotency_key) == []
