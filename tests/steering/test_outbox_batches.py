"""Batches and claims: letters queued together go out together, each claimed once, also
when two workers reach for the same letters at the same time."""

import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError, connection, transaction

from steering.letters import delivery, outbox, tasks
from steering.models import Message
from tests.steering.test_outbox import locmem_mail, make_message  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db


def test_letters_queued_in_one_transaction_go_to_the_broker_in_batches(
    monkeypatch, django_capture_on_commit_callbacks
):
    from steering.letters.tasks import deliver_batch, deliver_message

    # Ids an earlier test queued in a transaction it rolled back stay pending on the
    # connection until its next commit (harmless: their rows are gone), so not here.
    outbox._pending_ids().clear()
    batches, singles = [], []
    monkeypatch.setattr(deliver_batch, "apply_async", lambda args: batches.append(args[0]))
    monkeypatch.setattr(deliver_message, "apply_async", lambda args: singles.append(args[0]))
    count = tasks.BATCH_SIZE * 2 + 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in range(count):
            outbox.queue_message(
                kind="notice",
                key=f"bulk:{n}",
                recipient_email="a@b.example",
                subject="S",
                body_text="T",
            )
        outbox.queue_message(  # the same key again: nothing new to deliver
            kind="notice", key="bulk:0", recipient_email="a@b.example", subject="S", body_text="T"
        )
    assert len(callbacks) == count  # one per letter; the first hands them all over
    ids = list(Message.objects.order_by("pk").values_list("pk", flat=True))
    assert batches == [ids[: tasks.BATCH_SIZE], ids[tasks.BATCH_SIZE : -1]]
    assert singles == [ids[-1]]


def test_a_letter_queued_in_a_rolled_back_savepoint_is_not_delivered(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        kept, _ = outbox.queue_message(
            kind="notice", key="kept", recipient_email="a@b.example", subject="S", body_text="T"
        )
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.queue_message(
                kind="notice",
                key="undone",
                recipient_email="c@d.example",
                subject="S",
                body_text="T",
            )
            raise RuntimeError("rolled back")
    kept.refresh_from_db()
    assert kept.status == "sent"
    assert [m.to for m in mail.outbox] == [["a@b.example"]]
    assert not Message.objects.filter(idempotency_key="undone").exists()


def test_a_claim_returns_the_letters_as_stored_in_the_order_asked():
    first, second, third = (make_message() for _ in range(3))
    claimed = delivery.claim_batch([third.pk, first.pk, third.pk])
    assert [message.pk for message in claimed] == [third.pk, first.pk]
    for message in claimed:
        stored = Message.objects.get(pk=message.pk)
        assert (message.status, message.attempts) == ("sending", 1)
        assert (message.status, message.claimed_at, message.attempts) == (
            stored.status,
            stored.claimed_at,
            stored.attempts,
        )
    assert Message.objects.get(pk=second.pk).status == "queued"


def test_a_batch_skips_rows_another_worker_has_claimed_or_sent():
    first, taken, done, last = (make_message() for _ in range(4))
    assert delivery.claim_batch([taken.pk])
    assert delivery.deliver(done.pk)
    mail.outbox.clear()

    result = delivery.deliver_batch([first.pk, taken.pk, done.pk, last.pk])

    assert result.sent == [first.pk, last.pk] and result.error is None
    assert sorted(m.to[0] for m in mail.outbox) == ["karen@hospital.example"] * 2
    taken.refresh_from_db()
    assert taken.status == "sending" and taken.attempts == 1
    assert Message.objects.get(pk=done.pk).attempts == 1


def test_a_failure_mid_batch_keeps_the_sent_and_releases_the_rest(settings, monkeypatch):
    letters = [make_message(recipient_email=f"m{n}@hospital.example") for n in range(5)]
    real_send = delivery.send

    def refuse_the_third(message):
        if message.pk == letters[2].pk:
            raise ConnectionResetError("connection reset by peer")
        real_send(message)

    monkeypatch.setattr(delivery, "send", refuse_the_third)
    result = delivery.deliver_batch([m.pk for m in letters])

    assert result.sent == [letters[0].pk, letters[1].pk]
    assert result.failed.pk == letters[2].pk and isinstance(result.error, ConnectionResetError)
    assert result.released == [letters[3].pk, letters[4].pk]
    rows = {m.pk: m for m in Message.objects.all()}
    assert [rows[m.pk].status for m in letters] == ["sent", "sent", "queued", "queued", "queued"]
    assert [rows[m.pk].attempts for m in letters] == [1, 1, 1, 0, 0]
    assert rows[letters[2].pk].last_error.startswith("ConnectionResetError")
    # The failed one waits for its retry (claimed_at set); the released ones look untouched.
    assert rows[letters[2].pk].claimed_at is not None
    assert rows[letters[3].pk].claimed_at is None
    assert [m.to for m in mail.outbox] == [["m0@hospital.example"], ["m1@hospital.example"]]


def test_the_batch_task_retries_the_failed_letter_and_hands_out_the_rest(settings, monkeypatch):
    from steering.letters.tasks import deliver_batch, deliver_message

    settings.OUTBOX_RETRY_BASE_SECONDS = 7
    letters = [make_message(recipient_email=f"m{n}@hospital.example") for n in range(4)]
    real_send = delivery.send

    def fail_the_second(message):
        if message.pk == letters[1].pk:
            raise OSError("connection refused")
        real_send(message)

    monkeypatch.setattr(delivery, "send", fail_the_second)
    retried, handed_out = [], []
    monkeypatch.setattr(
        deliver_message, "apply_async", lambda args, countdown: retried.append((args, countdown))
    )
    monkeypatch.setattr(tasks, "enqueue_deliveries", lambda ids: handed_out.append(ids))
    deliver_batch.push_request(is_eager=False)
    try:
        assert deliver_batch.run([m.pk for m in letters]) == 1
    finally:
        deliver_batch.pop_request()
    assert retried == [([letters[1].pk], 7)]
    assert handed_out == [[letters[2].pk, letters[3].pk]]


def test_a_batch_runs_eagerly_without_a_broker(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            outbox.queue_message(
                kind="notice",
                key=f"eager:{n}",
                recipient_email=f"m{n}@b.example",
                subject="S",
                body_text="T",
            )
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 3


def test_a_database_error_after_the_server_accepted_a_letter_is_written_on_it_not_raised(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The one accepted duplicate (steering/letters/outbox.py): the letter went out, its row
    could not say so. It stays in sending, with the reason, until the sweeper's turn."""

    def database_gone(message_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(delivery, "mark_sent", database_gone)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            outbox.queue_message(
                kind="notice",
                key=f"gone:{n}",
                recipient_email="a@b.example",
                subject="S",
                body_text="T",
            )
    rows = Message.objects.order_by("pk")
    assert {(m.status, m.last_error) for m in rows} == {
        ("sending", "OperationalError: server closed the connection unexpectedly")
    }
    assert len(mail.outbox) == 1


# --- two workers at once (row locks: PostgreSQL) ------------------------------------------


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_claim_passes_over_letters_another_worker_is_claiming_without_waiting():
    ids = [make_message().pk for _ in range(4)]
    locked, finish = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                list(Message.objects.select_for_update().filter(pk__in=ids[1:3]))
                locked.set()
                finish.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        started = time.monotonic()
        claimed = delivery.claim_batch(ids)
        waited = time.monotonic() - started
    finally:
        finish.set()
        thread.join()
    assert [message.pk for message in claimed] == [ids[0], ids[3]]
    assert waited < 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_letters_at_once_send_each_once():
    letters = [make_message(recipient_email=f"m{n}@hospital.example") for n in range(60)]
    ids = [letter.pk for letter in letters]
    start = threading.Barrier(2)
    sent: list[int] = []

    def worker():
        try:
            start.wait(10)
            for chunk in range(0, len(ids), 5):
                sent.extend(delivery.deliver_batch(ids[chunk : chunk + 5]).sent)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == sorted(ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.recipient_email for m in letters)
    assert set(Message.objects.values_list("status", "attempts")) == {("sent", 1)}
