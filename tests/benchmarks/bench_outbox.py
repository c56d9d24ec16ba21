"""Benchmark: 10,000 welcome letters through the outbox and a real Celery worker, beside
raw smtplib sending the same letters to the same local SMTP sink, in the same run.

Run it with ``make bench-outbox`` (or ``.venv/bin/python tests/benchmarks/bench_outbox.py``).
It is not a test (pytest does not collect it) and needs PostgreSQL and ``redis-server``:

- the database is ``BENCH_DATABASE_URL`` (default
  ``postgres://postgres@127.0.0.1:5432/rkkp_bench``), created and migrated if missing; its
  outbox is emptied at the start;
- Redis is a ``redis-server`` of the benchmark's own on a free port (never a shared one);
- the SMTP sink is aiosmtpd in a separate process, counting what it accepts.

The target is outbox throughput ≥ 0.5 × raw throughput. ``--letters N``,
``--concurrency N`` and ``--pool prefork|threads`` change the size and the worker
(default 10,000 letters, prefork, concurrency 2).
"""

import argparse
import asyncio
import multiprocessing
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rkkp_bench"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the SMTP sink, in a process of its own ------------------------------------------------


class CountingSink:
    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 OK"


def run_sink(port: int, counter, ready) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(CountingSink(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.sleep(10**6))
    finally:
        controller.stop()


# --- set-up ------------------------------------------------------------------------------


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(
        base.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_letters(count: int) -> list:
    """``count`` welcome letters, rendered from a real seat, with distinct recipients and
    keys: unsaved outbox rows (raw smtplib sends them as they are; the outbox run queues
    them through ``queue_message``). The outbox is emptied first."""
    import datetime

    from django.db import connection

    from steering.letters.rendering import render_letter
    from steering.letters.welcome import welcome_context
    from steering.models import Membership, Message
    from tests import factories

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE steering_message")

    run = int(time.time())
    seat = Membership.objects.filter(person__email="karen@bench.example").first()
    if seat is None:  # factories' sequences restart in every run, so name everything
        seat = factories.MembershipFactory(
            person__first_name="Karen",
            person__last_name="Benchmark",
            person__email="karen@bench.example",
            person__employer__name=f"Benchmark Hospital {run}",
            group__database__name="Dansk Benchmarkdatabase",
            group__database__acronym=f"DBD{run}",
            group__database__slug=f"dbd-{run}",
            term_start=datetime.date(2026, 1, 1),
            term_end=datetime.date(2029, 12, 31),
        )
    letter = render_letter("welcome", welcome_context(seat), "da")
    return [
        Message(
            kind=Message.Kind.WELCOME,
            idempotency_key=f"bench:{run}:{n}",
            recipient_email=f"member{n}@bench.example",
            subject=letter.subject,
            body_text=letter.body_text,
            body_html=letter.body_html,
        )
        for n in range(count)
    ]


# --- the two contestants ------------------------------------------------------------------


def raw_smtplib(letters: list, port: int) -> float:
    """The same letters sent by a plain loop over one smtplib connection: each built into
    the same MIME bytes as the worker builds (``mail.build_email``), then ``sendmail``.
    No database, no broker, no claims or retries: the ceiling the outbox is measured
    against."""
    from steering.letters.mail import build_email

    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for letter in letters:
            email = build_email(letter)
            smtp.sendmail(email.from_email, email.to, email.message().as_bytes(linesep="\r\n"))
    return time.perf_counter() - started


def outbox_worker(
    letters: list, *, port: int, redis_url: str, concurrency: int, pool: str
) -> float:
    from django.db import transaction

    from steering.letters import outbox
    from steering.models import Message

    env = dict(os.environ)
    env.update(
        REDIS_URL=redis_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="0",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    log_fd, log_name = tempfile.mkstemp(prefix="bench-worker-", suffix=".log")
    print(f"worker log: {log_name}")
    log = os.fdopen(log_fd, "wb")
    worker = subprocess.Popen(
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
            os.environ.get("BENCH_WORKER_LOG_LEVEL", "warning"),
            "-n",
            "bench@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            *os.environ.get("BENCH_WORKER_ARGS", "").split(),
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        from rkkp_portal.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start; see {log_name}")
        # The production path: the letters are queued in one transaction, as a roster
        # import or a reminder run queues them, and its commit hands them to the broker
        # (on_commit, in batches). The clock starts at the commit.
        with transaction.atomic():
            for letter in letters:
                outbox.queue_message(
                    kind=letter.kind,
                    key=letter.idempotency_key,
                    recipient_email=letter.recipient_email,
                    subject=letter.subject,
                    body_text=letter.body_text,
                    body_html=letter.body_html,
                )
            started = time.perf_counter()
        # The benchmark's letters are the only rows in the outbox (emptied at the start).
        while Message.objects.exclude(status="sent").exists():
            if worker.poll() is not None:
                raise SystemExit(f"the worker died; see {log_name}")
            time.sleep(0.1)
        return time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--pool", default="prefork", choices=["prefork", "threads"], help="the worker's pool"
    )
    args = parser.parse_args()

    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("the benchmark needs redis-server on PATH")
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_port, smtp_port = free_port(), free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="rkkp_portal.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DEBUG="1",
    )
    for name in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(BASE_DIR))

    redis = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    counter = multiprocessing.Value("q", 0)
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(smtp_port, counter, ready), daemon=True)
    sink.start()
    try:
        ready.wait(10)
        wait_for_port(redis_port)
        wait_for_port(smtp_port)
        ensure_database(database_url)

        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        letters = prepare_letters(args.letters)
        n = len(letters)
        html_bytes = len(letters[0].body_html)

        raw_seconds = raw_smtplib(letters, smtp_port)
        raw_received = counter.value
        counter.value = 0
        outbox_seconds = outbox_worker(
            letters,
            port=smtp_port,
            redis_url=redis_url,
            concurrency=args.concurrency,
            pool=args.pool,
        )
        time.sleep(0.5)
        outbox_received = counter.value
    finally:
        sink.terminate()
        redis.terminate()
        redis.wait(timeout=10)

    raw_rate, outbox_rate = n / raw_seconds, n / outbox_seconds
    ratio = outbox_rate / raw_rate
    print(f"letters: {n} welcome letters, {html_bytes} B of HTML each")
    print(
        f"raw smtplib, one connection: {raw_seconds:8.2f} s {raw_rate:8.0f} letters/s"
        f"  (sink got {raw_received})"
    )
    print(
        f"outbox, {args.pool} worker x{args.concurrency}: {outbox_seconds:8.2f} s"
        f" {outbox_rate:8.0f} letters/s  (sink got {outbox_received})"
    )
    verdict = "OK" if ratio >= 0.5 else "BELOW TARGET"
    print(f"outbox / raw: {ratio:.2f} (target >= 0.50) {verdict}")
    if outbox_received != n or raw_received != n:
        print(f"WARNING: the sink should have got {n} letters from each")
        sys.exit(1)


if __name__ == "__main__":
    main()
