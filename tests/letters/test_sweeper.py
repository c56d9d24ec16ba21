"""The sweeper hands out what nobody will deliver, and only that: a retry keeps its
backoff, a letter waiting in the broker's queue is not handed out twice, a claim whose
worker died is taken back once its lease has run out."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from rkkp_portal.celery import app as celery_app
from steering.letters import delivery, outbox
from steering.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 30


def letter(key: str, **fields) -> Message:
    return Message.objects.create(
        kind="notice",
        idempotency_key=key,
        recipient_email="karen@hospital.example",
        subject="Emne",
        body_text="Tekst",
        **fields,
    )


def test_a_letter_waiting_240_seconds_for_its_retry_is_not_handed_out_early(monkeypatch):
    waiting = letter("backoff", attempts=3)
    monkeypatch.setattr(delivery, "send", fail_with(ConnectionResetError("reset by peer")))
    failed_at = timezone.now()
    assert delivery.deliver_batch([waiting.pk]).failed.pk == waiting.pk
    waiting.refresh_from_db()
    # The fourth attempt failed: the fifth is due 30 s × 2³ = 240 s later.
    assert waiting.status == "queued" and waiting.attempts == 4
    assert (waiting.next_attempt_at - failed_at).total_seconds() == pytest.approx(240, abs=2)

    for seconds in (0, 200, 239, 300):
        assert outbox.sweep(now=failed_at + datetime.timedelta(seconds=seconds)) == 0
    # Celery's retry task runs at 240 s; only if it got lost does the sweeper step in.
    monkeypatch.undo()
    lost_after = failed_at + datetime.timedelta(seconds=241) + outbox.STALE_QUEUED_AFTER
    assert outbox.sweep(now=lost_after) == 1
    assert Message.objects.get(pk=waiting.pk).status == "sent"


def test_a_letter_in_the_broker_queue_is_left_alone_and_a_lost_one_handed_out_once(
    monkeypatch,
):
    celery_app.conf.task_always_eager = False  # a broker (conftest restores it)
    published = []
    monkeypatch.setattr(
        "steering.letters.tasks.deliver_message.apply_async",
        lambda args, **options: published.append(args[0]),
    )
    in_queue, lost = letter("in-queue"), letter("lost")
    now = timezone.now()
    Message.objects.filter(pk=in_queue.pk).update(
        created_at=now - datetime.timedelta(hours=1),
        handed_over_at=now - datetime.timedelta(minutes=2),
    )
    Message.objects.filter(pk=lost.pk).update(
        created_at=now - datetime.timedelta(hours=1),
        handed_over_at=now - outbox.STALE_QUEUED_AFTER - datetime.timedelta(minutes=1),
    )

    assert outbox.sweep(now=now) == 1
    assert published == [lost.pk]
    # Handed over again just now: the next sweeps leave it to the queue, no flood of tasks.
    assert outbox.sweep() == 0
    assert outbox.sweep(now=timezone.now() + datetime.timedelta(minutes=5)) == 0
    assert published == [lost.pk]
    # Nobody picked either up for STALE_QUEUED_AFTER: both are taken as lost, once each.
    assert outbox.sweep(now=timezone.now() + outbox.STALE_QUEUED_AFTER) == 2


def test_a_claim_is_taken_back_once_its_lease_has_run_out_and_not_before():
    claimed_at = timezone.now()
    orphan = letter("orphan", status="sending", claimed_at=claimed_at, attempts=1)
    lease = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + outbox.LEASE_MARGIN
    assert outbox.sweep(now=claimed_at + lease - datetime.timedelta(seconds=1)) == 0
    assert outbox.sweep(now=claimed_at + lease + datetime.timedelta(seconds=1)) == 1
    orphan.refresh_from_db()
    assert orphan.status == "sent" and orphan.attempts == 2
    assert len(mail.outbox) == 1


def fail_with(exc):
    def send(message):
        raise exc

    return send
