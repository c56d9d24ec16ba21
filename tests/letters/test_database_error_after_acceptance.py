"""The database fails right after the SMTP server accepted a letter (its connection is
killed while "sent" is being written): the letter is recorded as sent once it can be,
is not sent again, and the rest of the batch goes on."""

import threading
import time

import psycopg
import pytest
from django.db import connection

from steering.letters import delivery
from steering.models import Message
from tests.letters.test_mail_on_the_wire import letter, smtp  # noqa: F401 (a fixture)
from tests.reliability.conftest import smtp_server, worker_database_url  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_killed_database_session_after_acceptance_sends_the_letter_once_and_goes_on(smtp):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("kills a database session (PostgreSQL)")
    letters = [letter(f"db-{n}", f"m{n}@hospital.example") for n in range(4)]
    victim = letters[1]
    locker = psycopg.connect(
        worker_database_url().replace("postgres://", "postgresql://", 1), autocommit=True
    )
    killed = threading.Event()

    def kill_the_session_writing_sent() -> None:
        # The row is locked, so the "sent" update waits; that session is then killed, as
        # a database restart or a dropped connection would.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            row = locker.execute(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE %s AND pid <> pg_backend_pid()",
                ['UPDATE "steering_message" SET "status"%'],
            ).fetchone()
            if row:
                locker.execute("SELECT pg_terminate_backend(%s)", [row[0]])
                locker.execute("ROLLBACK")
                killed.set()
                return
            time.sleep(0.02)

    def lock_the_row_then_accept(mail) -> None:
        if mail["X-RKKP-Message-Key"] == victim.idempotency_key:
            locker.execute("BEGIN")
            locker.execute("SELECT 1 FROM steering_message WHERE id = %s FOR UPDATE", [victim.pk])
            threading.Thread(target=kill_the_session_writing_sent, daemon=True).start()

    smtp.before_accept = lock_the_row_then_accept
    try:
        result = delivery.deliver_batch([m.pk for m in letters])
    finally:
        smtp.before_accept = None
        locker.close()

    assert killed.is_set(), "the session writing 'sent' was never killed"
    assert result.error is None and result.sent == [m.pk for m in letters]
    rows = Message.objects.filter(pk__in=[m.pk for m in letters])
    assert {(m.status, m.attempts) for m in rows} == {("sent", 1)}
    assert sorted(smtp.keys()) == sorted(m.idempotency_key for m in letters)
