"""Letters reach a real SMTP server through a real Celery worker, exactly once.

The worker is a separate process consuming a queue of its own on the REDIS_URL broker,
with the test database as its database and a local aiosmtpd server as its mail server
(see conftest.py).
"""

import datetime
import uuid

from django.utils import timezone

from steering.letters import outbox
from steering.letters.tasks import deliver_message
from steering.models import Message
from steering.register.services.memberships import appoint_member
from tests import factories
from tests.reliability.conftest import reliability_marks, status_of, statuses, wait_for

pytestmark = reliability_marks


def queued_message(subject: str, recipient: str) -> Message:
    return Message.objects.create(
        kind=Message.Kind.NOTICE,
        idempotency_key=f"test-{uuid.uuid4()}",
        recipient_email=recipient,
        subject=subject,
        body_text="Kære medlem\n\nDette er en prøve.",
    )


def test_appointing_a_member_delivers_exactly_one_welcome_letter(worker, smtp_server, broker):
    handler, _ = smtp_server
    hovedstaden = factories.region("hovedstaden")
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    group = factories.GroupFactory(
        database__name="Dansk Hjertesvigtdatabase", database__contact_person=secretariat
    )
    person = factories.PersonFactory(
        first_name="Karen",
        last_name="Blixen",
        email="karen.blixen@regionh.example",
        employer__region=hovedstaden,
    )

    membership = appoint_member(
        actor=secretariat,
        person=person,
        group=group,
        role="member",
        representing_region=hovedstaden,
        term_start=datetime.date(2026, 1, 1),
    )

    key = f"welcome:{membership.pk}"
    wait_for(lambda: handler.with_key(key), workers=(worker,), what="the welcome letter")
    message = Message.objects.get(idempotency_key=key)
    wait_for(lambda: status_of(message) == "sent", workers=(worker,), what="the sent status")
    # A letter queued after it comes out after it (one solo worker, one queue), so by then
    # any duplicate of the welcome letter would have arrived too.
    sentinel = outbox.queue_message(
        kind="notice",
        key=f"sentinel-{uuid.uuid4()}",
        recipient_email="s@x.example",
        subject="Sentinel",
        body_text="-",
    )[0]
    wait_for(lambda: status_of(sentinel) == "sent", workers=(worker,), what="the sentinel")

    [mail] = handler.with_key(key)
    assert handler.recipients[handler.keys().index(key)] == ["karen.blixen@regionh.example"]
    assert mail["To"] == "karen.blixen@regionh.example"
    assert "Dansk Hjertesvigtdatabase" in mail["Subject"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    for expected in [
        "Karen Blixen",
        "Regionalt medlem",
        "1. januar 2026",
        "sekretariat@rkkp.example",
        "/accounts/password/reset/",
    ]:
        assert expected in text, expected
    assert "Karen Blixen" in html
    message.refresh_from_db()
    assert message.attempts == 1 and message.sent_at is not None
    assert Message.objects.filter(kind="welcome").count() == 1


def test_a_worker_delivers_a_queued_letter_once_even_when_the_task_is_sent_twice(
    worker, smtp_server, broker
):
    handler, _ = smtp_server
    message = queued_message("Velkommen i styregruppen – æøå", "medlem@rkkp.example")

    deliver_message.apply_async(args=[message.pk])

    wait_for(
        lambda: status_of(message) == "sent" and handler.with_key(message.idempotency_key),
        workers=(worker,),
        what="the first delivery",
    )
    [mail] = handler.with_key(message.idempotency_key)
    assert mail["Subject"] == "Velkommen i styregruppen – æøå"
    assert mail["To"] == "medlem@rkkp.example"
    assert handler.recipients == [["medlem@rkkp.example"]]

    # Redelivery of the same id (a broker redelivering after a lost ack) must not resend.
    deliver_message.apply_async(args=[message.pk])
    # The solo worker takes its queue in order, so once a later letter is out,
    # the duplicate task has been handled.
    sentinel = queued_message("Sentinel", "sentinel@rkkp.example")
    deliver_message.apply_async(args=[sentinel.pk])
    wait_for(
        lambda: status_of(sentinel) == "sent",
        workers=(worker,),
        what="the letter queued after the duplicate",
    )

    assert len(handler.with_key(message.idempotency_key)) == 1
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.attempts == 1
    assert message.sent_at is not None


def test_two_workers_given_the_same_letters_at_once_send_each_once(
    start_worker, smtp_server, broker
):
    handler, _ = smtp_server
    first, second = start_worker(), start_worker()
    # Both must be consuming before the tasks arrive, or the first one up takes them all.
    first.wait_ready()
    second.wait_ready()
    letters = [queued_message(f"Brev {n}", f"medlem{n}@rkkp.example") for n in range(30)]
    # Each letter's task twice in a row: with one task in flight per worker, the two
    # workers hold the same letter's two tasks at the same time.
    for letter in letters:
        deliver_message.apply_async(args=[letter.pk])
        deliver_message.apply_async(args=[letter.pk])

    wait_for(
        lambda: statuses(letters) == {"sent": 30},
        workers=(first, second),
        what="all 30 letters",
    )
    keys = handler.keys()
    assert sorted(keys) == sorted(letter.idempotency_key for letter in letters)
    assert set(
        Message.objects.filter(pk__in=[m.pk for m in letters]).values_list("attempts", flat=True)
    ) == {1}
    # Both workers did some of the work, so the race was real.
    assert "succeeded" in first.log() and "succeeded" in second.log()


def test_the_sweeper_hands_a_letter_nobody_enqueued_to_the_worker(worker, smtp_server, broker):
    handler, _ = smtp_server
    message = queued_message("Glemt brev", "formand@rkkp.example")
    # auto_now_add ignores a given created_at, so age the row afterwards.
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - outbox.STALE_QUEUED_AFTER - datetime.timedelta(minutes=1)
    )
    fresh = queued_message("Nyt brev", "medlem@rkkp.example")

    swept = outbox.sweep()

    assert swept == 1
    wait_for(lambda: status_of(message) == "sent", workers=(worker,), what="the swept letter")
    [mail] = handler.with_key(message.idempotency_key)
    assert mail["Subject"] == "Glemt brev"
    # A young queued row is still on its way through on_commit; the sweeper leaves it.
    assert status_of(fresh) == "queued"
    assert handler.with_key(fresh.idempotency_key) == []


def test_the_broker_fixture_routes_this_process_to_the_tests_queue(broker):
    from rkkp_portal.celery import app

    assert app.conf.task_default_queue == broker.queue
    assert app.conf.task_always_eager is False
