"""Real moving parts for the reliability tests: Celery workers, Redis servers, SMTP servers.

Every worker is a separate ``celery worker`` process with the pytest test database as its
database, a queue of its own, and a local aiosmtpd server as its mail server. The test
process publishes to the same broker, so letters travel exactly as in production.
"""

import asyncio
import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from kombu import pools as kombu_pools

from rkkp_portal.celery import app as celery_app
from steering.models import Message

BASE_DIR = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60

reliability_marks = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)"),
]


# --- SMTP -----------------------------------------------------------------------------


class CollectingHandler:
    """An SMTP server's handler that keeps every message it accepts.

    ``mode`` makes it misbehave: "refuse" answers every recipient with ``refuse_code``
    (550 unless set), "stall" never answers MAIL FROM within the client's timeout.
    ``refuse`` names addresses refused with 550 whatever the mode. ``gate`` (a predicate
    on the parsed message) holds a matching message inside DATA until the test calls ``release``.
    """

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.mode = "accept"
        self.refuse_code = "550 5.1.1 Mailbox unavailable"
        self.refuse: set[str] = set()
        self.stall_seconds = 5.0
        self.gate: Callable[[email.message.EmailMessage], bool] | None = None
        self.gate_reached = threading.Event()
        self._gate_answer: str | None = None
        self._gate_released = threading.Event()
        self.before_accept: Callable[[email.message.EmailMessage], None] | None = None
        self._lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mode == "stall":
            await asyncio.sleep(self.stall_seconds)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            return self.refuse_code
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.gate is not None and self.gate(parsed):
            self.gate = None
            self.gate_reached.set()
            while not self._gate_released.is_set():
                await asyncio.sleep(0.02)
            if self._gate_answer != "accept":
                return self._gate_answer
        if self.before_accept is not None:
            self.before_accept(parsed)
        with self._lock:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def release(self, answer: str) -> None:
        """Let the gated message go: "accept" it, or answer with an SMTP error line."""
        self._gate_answer = answer
        self._gate_released.set()

    def with_key(self, key: str) -> list[email.message.EmailMessage]:
        with self._lock:
            return [m for m in self.messages if m["X-RKKP-Message-Key"] == key]

    def keys(self) -> list[str]:
        with self._lock:
            return [m["X-RKKP-Message-Key"] for m in self.messages]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        handler.release("421 shutting down")
        controller.stop()


# --- Redis ----------------------------------------------------------------------------


class RedisServer:
    """A redis-server of the test's own, so the test may stop and start it."""

    def __init__(self, port: int, log_path: Path, *arguments: str):
        self.port = port
        self.arguments = arguments  # more of redis-server's options, e.g. a memory ceiling
        self.url = f"redis://127.0.0.1:{port}/0"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("needs redis-server on PATH")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                    *self.arguments,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(free_port(), tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def publishing_to(url: str, queue: str):
    """Make this process publish (not run eagerly) to ``url``, routing tasks to ``queue``."""
    conf = celery_app.conf
    previous = (conf.task_always_eager, conf.broker_url, conf.task_default_queue)

    def reset_pools() -> None:
        # Connections are pooled per broker URL; forget them all so the next publish
        # connects to the URL in force.
        kombu_pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.task_always_eager = False
    conf.broker_url = url
    conf.task_default_queue = queue
    reset_pools()
    try:
        yield
    finally:
        reset_pools()
        conf.task_always_eager, conf.broker_url, conf.task_default_queue = previous


# --- Workers --------------------------------------------------------------------------


def worker_database_url() -> str:
    """The URL of the database pytest-django created, for the worker process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


class Worker:
    def __init__(self, process: subprocess.Popen, log_path: Path, name: str):
        self.process = process
        self.log_path = log_path
        self.name = name

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgements, no cleanup — a crash."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)

    def stop(self) -> None:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 90) -> None:
        """Block until Celery logs "ready." — a loaded machine can take many seconds."""
        deadline = time.monotonic() + timeout
        while " ready." not in self.log():
            if not self.alive():
                raise AssertionError(f"worker {self.name} exited:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"worker {self.name} not ready in {timeout} s:\n{self.log()}")
            time.sleep(0.2)


class Broker:
    """The broker of one test: a queue of its own on REDIS_URL or on a test's own Redis."""

    def __init__(self, url: str, queue: str):
        self.url = url
        self.queue = queue


@pytest.fixture
def broker(request) -> Iterator[Broker]:
    """The suite's Redis, unless the test also asks for ``own_redis``."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database server it can share (PostgreSQL)")
    if "own_redis" in request.fixturenames:
        url = request.getfixturevalue("own_redis").url
    else:
        url = os.environ["REDIS_URL"]
    queue = f"rkkp-test-{uuid.uuid4().hex[:12]}"
    with publishing_to(url, queue):
        yield Broker(url, queue)


@pytest.fixture
def start_worker(transactional_db, broker, smtp_server, tmp_path):
    """Start real workers on the test's queue; each is stopped (and its log shown) at the end."""
    _, smtp_port = smtp_server
    workers: list[Worker] = []

    def start(*, concurrency: int = 1, pool: str = "solo", **env_overrides: str) -> Worker:
        name = f"{broker.queue}-{len(workers) + 1}"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("EMAIL_") and key != "SECRET_KEY"
        }
        env.update(
            DJANGO_SETTINGS_MODULE="rkkp_portal.settings",
            DATABASE_URL=worker_database_url(),
            REDIS_URL=broker.url,
            # DEBUG on so no SECRET_KEY is needed; EMAIL_HOST selects the SMTP backend.
            DEBUG="1",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_USE_TLS="0",
            EMAIL_TIMEOUT="10",
            # Retries within the test's patience: 0 s, 0 s, … instead of 30 s, 60 s, …
            OUTBOX_RETRY_BASE_SECONDS="0",
            PYTHONUNBUFFERED="1",
        )
        env.update(env_overrides)
        log_path = tmp_path / f"worker-{len(workers) + 1}.log"
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
                    pool,
                    "--concurrency",
                    str(concurrency),
                    "-l",
                    "info",
                    "-Q",
                    broker.queue,
                    "-n",
                    f"{name}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log_path, name)
        workers.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        for worker in workers:
            # Shown by pytest only when the test failed.
            print(f"--- {worker.name} output ({worker.log_path}) ---")
            print(worker.log())


@pytest.fixture
def worker(start_worker) -> Worker:
    return start_worker()


# --- Waiting --------------------------------------------------------------------------


def wait_for(
    condition, *, what: str, workers: tuple[Worker, ...] = (), seconds: float = WAIT_SECONDS
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if not worker.alive():
                pytest.fail(f"{worker.name} exited with {worker.process.returncode} ({what})")
        time.sleep(0.1)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


def status_of(message: Message) -> str:
    return Message.objects.values_list("status", flat=True).get(pk=message.pk)


def statuses(messages) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Message.objects.filter(pk__in=[m.pk for m in messages]).values_list(
        "status", flat=True
    ):
        counts[status] = counts.get(status, 0) + 1
    return counts
