"""Outbox delivery in-process: claim once, retry on failure, never fail the caller."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from steering import outbox
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
    assert outbox.deliver(message.pk) is True
    assert outbox.deliver(message.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_goes_back_to_the_queue_then_fails_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    message = make_message()
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        with pytest.raises(OSError):
            outbox.deliver(message.pk)
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.last_error
    assert message.status == "failed"


def test_an_eager_delivery_failure_does_not_fail_the_request(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    message = make_message()
    outbox.enqueue_delivery(message.pk)  # runs eagerly in tests
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
