"""Outbox delivery in-process: claim once, retry on failure, never fail the caller."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone

from steering.letters import delivery, outbox, tasks
from steering.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_message(**fields) -> Message:
    defaults = {
        "kind": "notice",
        "idempotency_key": f"test:{Message.objects.count()}",
        "recipient_email": "karen@hospital.example",
        "subject": "Emne",
        "body_text": "Tekst",
    }
    return Message.objects.create(**(defaults | fields))


def test_queueing_delivers_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message, created = outbox.queue_message(
            kind="notice", key="k1", recipient_email="a@b.example", subject="S", body_text="T"
        )
    message.refresh_from_db()
    assert created and message.status == "sent" and message.sent_at
    assert len(mail.outbox) == 1


def test_delivering_the_same_message_twice_sends_one_mail():
    message = make_message()
    assert delivery.deliver(message.pk) is True
    assert delivery.deliver(message.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_goes_back_to_the_queue_then_fails_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    message = make_message()
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        with pytest.raises(OSError):
            delivery.deliver(message.pk)
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.last_error
    assert message.status == "failed"


def test_an_eager_delivery_failure_does_not_fail_the_request(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    message = make_message()
    tasks.enqueue_delivery(message.pk)  # runs eagerly in tests
    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 1


def test_the_sweeper_delivers_stale_and_stuck_messages():
    old = timezone.now() - datetime.timedelta(hours=1)
    stale = make_message()
    stuck = make_message(status="sending", claimed_at=old)
    fresh = make_message()
    Message.objects.filter(pk__in=[stale.pk, stuck.pk]).update(created_at=old)
    assert outbox.sweep() == 2
    assert set(Message.objects.filter(status="sent").values_list("pk", flat=True)) == {
        stale.pk,
        stuck.pk,
    }
    fresh.refresh_from_db()
    assert fresh.status == "queued"


def test_the_sweep_outbox_command_can_include_recent_messages(capsys):
    message = make_message()
    call_command("sweep_outbox", "--all")
    message.refresh_from_db()
    assert message.status == "sent"
    assert "Re-enqueued 1 message(s)." in capsys.readouterr().out


def test_a_letter_stuck_in_sending_is_handed_out_again_in_the_same_sweep():
    """However young the row: it was picked up once, so on_commit is long past."""
    stuck = make_message(status="sending", claimed_at=timezone.now())
    later = timezone.now() + datetime.timedelta(minutes=4)
    assert outbox.sweep(now=later) == 1
    stuck.refresh_from_db()
    assert stuck.status == "sent" and stuck.attempts == 1


def test_a_retry_waiting_for_its_task_is_left_to_the_task():
    """A failed attempt puts the row back with claimed_at set; Celery's retry will come."""
    waiting = make_message(claimed_at=timezone.now(), attempts=1)
    Message.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert outbox.sweep() == 0


def test_the_sweeper_hands_out_batches_and_stops_at_the_first_broker_error(monkeypatch):
    from kombu.exceptions import OperationalError

    from steering.letters.tasks import deliver_batch

    old = timezone.now() - datetime.timedelta(hours=1)
    for _ in range(tasks.BATCH_SIZE + 3):
        make_message()
    Message.objects.update(created_at=old)
    calls = []

    def broker_down_after_one(args):
        calls.append(list(args[0]))
        if len(calls) > 1:
            raise OperationalError("broker down")

    monkeypatch.setattr(deliver_batch, "apply_async", broker_down_after_one)
    assert outbox.sweep() == tasks.BATCH_SIZE
    assert [len(ids) for ids in calls] == [tasks.BATCH_SIZE, 3]


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return super().open()


def test_a_worker_reuses_its_mail_connection_and_reopens_it_after_an_error(settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.steering.test_outbox.CountingBackend"
    delivery.held_connection.drop()
    CountingBackend.opened = 0
    for _ in range(3):
        assert delivery.deliver(make_message().pk)
    assert CountingBackend.opened == 1

    def broken(self, messages):
        raise ConnectionResetError("connection reset by peer")

    monkeypatch.setattr(CountingBackend, "send_messages", broken)
    with pytest.raises(ConnectionResetError):
        delivery.deliver(make_message().pk)
    monkeypatch.undo()
    settings.EMAIL_BACKEND = "tests.steering.test_outbox.CountingBackend"
    assert delivery.deliver(make_message().pk)
    assert CountingBackend.opened == 2
    assert len(mail.outbox) == 4


def test_retry_message_requeues_a_failed_letter_once(
    secretariat, django_capture_on_commit_callbacks
):
    failed = make_message(status="failed", attempts=5, last_error="SMTPDataError")
    with django_capture_on_commit_callbacks(execute=True):
        outbox.retry_message(actor=secretariat, message=failed)
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 6 and failed.last_error == ""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        outbox.retry_message(actor=secretariat, message=failed)
    assert len(mail.outbox) == 1


def test_only_the_secretariat_may_retry(admin_hovedstaden, member):
    from django.core.exceptions import PermissionDenied

    failed = make_message(status="failed", attempts=5)
    for actor in (admin_hovedstaden, member):
        with pytest.raises(PermissionDenied):
            outbox.retry_message(actor=actor, message=failed)
    failed.refresh_from_db()
    assert failed.status == "failed"


def test_the_delivery_task_stops_retrying_once_the_letter_has_failed(settings, monkeypatch):
    """Not eager: the last failure must not schedule another (pointless) retry."""
    from steering.letters.tasks import deliver_message

    message = make_message(attempts=delivery.MAX_ATTEMPTS - 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    retried = []
    monkeypatch.setattr(deliver_message, "retry", lambda **kw: retried.append(kw))
    deliver_message.push_request(is_eager=False, retries=0)
    try:
        assert deliver_message.run(message.pk) is False
    finally:
        deliver_message.pop_request()
    assert retried == []
    message.refresh_from_db()
    assert message.status == "failed"


def test_the_delivery_task_retries_with_the_configured_backoff(settings, monkeypatch):
    from steering.letters.tasks import deliver_message

    message = make_message()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    settings.OUTBOX_RETRY_BASE_SECONDS = 7
    retried = []

    def fake_retry(**kwargs):
        retried.append(kwargs["countdown"])
        return RuntimeError("retry")

    monkeypatch.setattr(deliver_message, "retry", fake_retry)
    deliver_message.push_request(is_eager=False, retries=2)
    try:
        with pytest.raises(RuntimeError, match="retry"):
            deliver_message.run(message.pk)
    finally:
        deliver_message.pop_request()
    assert retried == [7 * 4]
    message.refresh_from_db()
    assert message.status == "queued"


# --- batches ---------------------------------------------------------------------------


def test_letters_queued_in_one_transaction_go_to_the_broker_in_batches(
    monkeypatch, django_capture_on_commit_callbacks
):
    from steering.letters.tasks import deliver_batch, deliver_message

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
