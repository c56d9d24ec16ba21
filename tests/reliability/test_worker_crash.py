"""A worker killed with SIGKILL mid-batch: after a new worker and the sweeper, every letter
is delivered, and only a crash after the SMTP server's acceptance can send one twice.

The sweeper takes the dead worker's letter back once its claim's lease has run out (the
task's time limit and a margin), and leaves the letters still waiting in the queue to it."""

import datetime
import threading
import time
import uuid

import psycopg
from django.conf import settings
from django.utils import timezone

from steering.letters import outbox
from steering.letters.tasks import deliver_message, enqueue_delivery
from steering.models import Message
from tests.reliability.conftest import (
    reliability_marks,
    statuses,
    wait_for,
    worker_database_url,
)

pytestmark = reliability_marks

BATCH = 20


def batch() -> list[Message]:
    run = uuid.uuid4().hex[:8]
    return [
        Message.objects.create(
            kind=Message.Kind.WELCOME,
            idempotency_key=f"crash-{run}-{n:02}",
            recipient_email=f"medlem{n}@rkkp.example",
            subject=f"Velkommen {n}",
            body_text="Kære medlem",
        )
        for n in range(BATCH)
    ]


def sweep_once_the_lease_has_run_out() -> int:
    """The sweeper as it runs once a dead worker's claim has outlived its lease: the task's
    hard time limit, after which no live worker still holds a letter, and a margin."""
    lease = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + outbox.LEASE_MARGIN
    return outbox.sweep(now=timezone.now() + lease + datetime.timedelta(seconds=1))


def test_a_worker_killed_mid_batch_loses_no_letter_and_sends_none_twice(
    start_worker, smtp_server, broker
):
    handler, _ = smtp_server
    letters = batch()
    in_flight = letters[7]
    # The eighth letter is held inside the SMTP conversation (before the server accepts
    # it) until the worker has been killed.
    handler.gate = lambda mail: mail["X-RKKP-Message-Key"] == in_flight.idempotency_key
    first = start_worker()
    for letter in letters:
        enqueue_delivery(letter.pk)  # as queue_message hands a letter over after commit

    wait_for(handler.gate_reached.is_set, workers=(first,), what="the eighth letter in flight")
    first.kill()
    handler.release("451 4.3.0 connection lost")  # the server never accepted it

    assert statuses(letters) == {"sent": 7, "sending": 1, "queued": 12}
    assert Message.objects.get(pk=in_flight.pk).status == "sending"

    # Before the lease has run out the sweeper leaves the letter to its worker; once it
    # has, it hands out that one letter, and none of the twelve still waiting in Redis.
    assert outbox.sweep() == 0
    assert sweep_once_the_lease_has_run_out() == 1
    assert Message.objects.get(pk=in_flight.pk).status == "queued"

    second = start_worker()
    wait_for(lambda: statuses(letters) == {"sent": 20}, workers=(second,), what="every letter")

    assert sorted(handler.keys()) == sorted(letter.idempotency_key for letter in letters)
    in_flight.refresh_from_db()
    assert in_flight.attempts == 2


def test_the_one_accepted_duplicate_is_a_crash_between_acceptance_and_sent(
    start_worker, smtp_server, broker
):
    """Documents the window in steering/letters/outbox.py: SMTP said 250, "sent" was not
    committed."""
    handler, _ = smtp_server
    letters = batch()
    in_flight = letters[4]
    lock_held = threading.Event()
    locker = psycopg.connect(worker_database_url().replace("postgres://", "postgresql://", 1))

    def lock_row_then_accept(mail):
        # Runs in the SMTP server just before it accepts the fifth letter: hold that row,
        # so the worker's "sent" update waits, with the letter already accepted.
        if mail["X-RKKP-Message-Key"] == in_flight.idempotency_key:
            locker.execute("BEGIN")
            locker.execute(
                "SELECT 1 FROM steering_message WHERE id = %s FOR UPDATE", [in_flight.pk]
            )
            lock_held.set()

    handler.before_accept = lock_row_then_accept
    first = start_worker()
    try:
        for letter in letters:
            deliver_message.apply_async(args=[letter.pk])
        wait_for(lock_held.is_set, workers=(first,), what="the fifth letter accepted")
        waiting = wait_for_update_blocked_on(locker, in_flight.pk)
        first.kill()
        # The dead worker's database session dies with it (as a crashed machine's would).
        locker.execute("SELECT pg_terminate_backend(%s)", [waiting])
        locker.execute("ROLLBACK")
    finally:
        handler.before_accept = None
        locker.close()

    assert Message.objects.get(pk=in_flight.pk).status == "sending"
    assert len(handler.with_key(in_flight.idempotency_key)) == 1

    second = start_worker()
    wait_for(
        lambda: statuses(letters).get("sent") == BATCH - 1,
        workers=(second,),
        what="the letters still in the queue",
    )
    assert sweep_once_the_lease_has_run_out() == 1
    wait_for(lambda: statuses(letters) == {"sent": BATCH}, workers=(second,), what="every letter")

    # Exactly that one letter arrived twice; every other letter once.
    keys = handler.keys()
    assert keys.count(in_flight.idempotency_key) == 2
    assert sorted(set(keys)) == sorted(letter.idempotency_key for letter in letters)
    assert len(keys) == BATCH + 1


def wait_for_update_blocked_on(locker, message_id: int) -> int:
    """The pid of the worker's database session waiting for the locked row."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        row = locker.execute(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE %s AND pid <> pg_backend_pid()",
            ['UPDATE "steering_message" SET "status"%'],
        ).fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError(f"no worker session waited for message {message_id}")
