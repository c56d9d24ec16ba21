"""An SMTP server that refuses or does not answer: failed (at once for a permanent 5xx
refusal, after the retries for a server that does not answer), shown on the outbox page,
and a retry from the page delivers the letter once the server is back."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from steering.letters import delivery, outbox
from steering.models import Message
from tests import factories
from tests.reliability.conftest import reliability_marks, status_of, wait_for

pytestmark = reliability_marks


@pytest.mark.parametrize(
    ("mode", "error", "attempts"),
    [("refuse", "5.1.1 Mailbox unavailable", 1), ("stall", "timed out", delivery.MAX_ATTEMPTS)],
)
def test_a_failing_smtp_server_leads_to_failed_then_a_retry_from_the_page_delivers(
    mode, error, attempts, start_worker, smtp_server, broker
):
    handler, _ = smtp_server
    handler.mode = mode
    handler.stall_seconds = 3
    worker = start_worker(EMAIL_TIMEOUT="1")
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")

    letter, _ = outbox.queue_message(
        kind=Message.Kind.NOTICE,
        key=f"smtp-{mode}-{uuid.uuid4().hex[:8]}",
        recipient_email="medlem@rkkp.example",
        subject="Et brev der ikke kommer frem",
        body_text="Kære medlem",
    )

    wait_for(lambda: status_of(letter) == "failed", workers=(worker,), what="the failed status")
    letter.refresh_from_db()
    assert letter.attempts == attempts and letter.bounced == (mode == "refuse")
    assert error in letter.last_error
    assert handler.keys() == []

    client = Client()
    client.force_login(secretariat)
    listed = client.get(reverse("steering:message-list"), {"status": "failed"})
    assert letter.subject in listed.content.decode()
    page = client.get(reverse("steering:message-detail", args=[letter.pk])).content.decode()
    assert error in page

    handler.mode = "accept"
    response = client.post(reverse("steering:message-retry", args=[letter.pk]))
    assert response.status_code == 302

    wait_for(lambda: status_of(letter) == "sent", workers=(worker,), what="the retried letter")
    assert len(handler.with_key(letter.idempotency_key)) == 1
    letter.refresh_from_db()
    assert letter.attempts == attempts + 1 and letter.last_error == ""
    assert not letter.bounced
