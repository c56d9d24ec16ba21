"""Outbox delivery in-process: claim once, retry on failure, never fail the caller."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone

from rkkp_portal.celery import app as celery_app
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
    """A failed attempt puts the row back with its next attempt's time; Celery's retry will
    come, and the sweeper leaves it alone until long after that."""
    waiting = make_message(
        claimed_at=timezone.now(),
        attempts=1,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=30),
    )
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
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    celery_app.conf.task_always_eager = False  # a broker, not in-process (conftest restores it)
    monkeypatch.setattr(deliver_batch, "apply_async", broker_down_after_one)
    assert outbox.sweep() == tasks.BATCH_SIZE
    assert [len(ids) for ids in calls] == [tasks.BATCH_SIZE, 3]
    waiting = Message.objects.filter(pk__in=calls[1])
    assert {(m.status, m.last_error) for m in waiting} == {
        ("queued", "OperationalError: Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    }


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

    message = make_message(attempts=2)  # the row counts attempts: this is the third
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
