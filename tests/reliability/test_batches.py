"""Batches of letters (``deliver_batch``) through a real worker: one task per up to
``tasks.BATCH_SIZE`` letters, the same guarantees as one letter per task."""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone

from steering.letters import outbox, tasks
from steering.letters.tasks import deliver_batch
from steering.models import Message
from tests.reliability.conftest import reliability_marks, statuses, wait_for

pytestmark = reliability_marks

BATCH = 20


def batch() -> list[Message]:
    run = uuid.uuid4().hex[:8]
    return [
        Message.objects.create(
            kind=Message.Kind.WELCOME,
            idempotency_key=f"batch-{run}-{n:02}",
            recipient_email=f"medlem{n}@rkkp.example",
            subject=f"Velkommen {n}",
            body_text="Kære medlem",
        )
        for n in range(BATCH)
    ]


def ids(letters: list[Message]) -> list[int]:
    return [letter.pk for letter in letters]


def test_letters_queued_in_one_transaction_arrive_once_each(worker, smtp_server, broker):
    from django.db import transaction

    handler, _ = smtp_server
    run = uuid.uuid4().hex[:8]
    with transaction.atomic():
        letters = [
            outbox.queue_message(
                kind="welcome",
                key=f"bulk-{run}-{n:02}",
                recipient_email=f"medlem{n}@rkkp.example",
                subject=f"Velkommen {n}",
                body_text="Kære medlem",
            )[0]
            for n in range(tasks.BATCH_SIZE + 5)
        ]
    wait_for(
        lambda: statuses(letters) == {"sent": len(letters)}, workers=(worker,), what="the letters"
    )
    assert sorted(handler.keys()) == sorted(letter.idempotency_key for letter in letters)
    assert "deliver_batch" in worker.log()


def test_a_worker_killed_mid_batch_loses_no_letter_and_sends_none_twice(
    start_worker, smtp_server, broker
):
    handler, _ = smtp_server
    letters = batch()
    in_flight = letters[7]
    handler.gate = lambda mail: mail["X-RKKP-Message-Key"] == in_flight.idempotency_key
    first = start_worker()
    deliver_batch.apply_async(args=[ids(letters)])

    wait_for(handler.gate_reached.is_set, workers=(first,), what="the eighth letter in flight")
    first.kill()
    handler.release("451 4.3.0 connection lost")  # the server never accepted it

    # The batch claimed all twenty; seven were sent, the rest are known only to the database.
    assert statuses(letters) == {"sent": 7, "sending": 13}

    second = start_worker()
    later = timezone.now() + datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2 + 1)
    assert outbox.sweep(now=later) == 13
    wait_for(lambda: statuses(letters) == {"sent": BATCH}, workers=(second,), what="every letter")

    assert sorted(handler.keys()) == sorted(letter.idempotency_key for letter in letters)


def test_two_workers_given_the_same_batch_at_once_send_each_letter_once(
    start_worker, smtp_server, broker
):
    handler, _ = smtp_server
    first, second = start_worker(), start_worker()
    first.wait_ready()
    second.wait_ready()
    letters = batch() + batch()
    halves = [ids(letters[:BATCH]), ids(letters[BATCH:])]
    for half in halves:
        deliver_batch.apply_async(args=[half])
        deliver_batch.apply_async(args=[half])

    wait_for(
        lambda: statuses(letters) == {"sent": 2 * BATCH},
        workers=(first, second),
        what="all letters",
    )
    assert sorted(handler.keys()) == sorted(letter.idempotency_key for letter in letters)
    assert set(Message.objects.filter(pk__in=ids(letters)).values_list("attempts", flat=True)) == {
        1
    }


def test_a_refused_letter_mid_batch_is_retried_and_the_rest_still_go(worker, smtp_server, broker):
    handler, _ = smtp_server
    letters = batch()
    refused = letters[3]
    handler.gate = lambda mail: mail["X-RKKP-Message-Key"] == refused.idempotency_key
    handler.release("451 4.3.0 try again later")  # answered at once, then the gate is gone
    deliver_batch.apply_async(args=[ids(letters)])

    wait_for(lambda: statuses(letters) == {"sent": BATCH}, workers=(worker,), what="every letter")
    assert sorted(handler.keys()) == sorted(letter.idempotency_key for letter in letters)
    refused.refresh_from_db()
    assert refused.attempts == 2 and refused.last_error == ""
    assert set(
        Message.objects.filter(pk__in=ids(letters[4:])).values_list("attempts", flat=True)
    ) == {1}
