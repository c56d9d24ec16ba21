"""Letters as a real SMTP server (aiosmtpd on loopback) receives them: the headers mail
tools read, and a permanent refusal (a bounce) that fails the letter at once."""

import datetime
import email.utils
import zoneinfo

import pytest

from steering.letters import delivery
from steering.letters.mail import message_id
from steering.models import Message
from tests.reliability.conftest import smtp_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(settings, smtp_server):  # noqa: F811
    handler, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://styregrupper.rkkp.example"
    yield handler
    delivery.held_connection.drop()


def letter(key: str, address: str = "karen@hospital.example") -> Message:
    return Message.objects.create(
        kind="notice", idempotency_key=key, recipient_email=address, subject="Emne", body_text="T"
    )


def test_a_letter_carries_a_stable_message_id_a_local_date_and_auto_submitted(smtp):
    sent = letter("welcome:42")
    assert delivery.deliver(sent.pk)
    # The one accepted duplicate: the SMTP server accepted it, "sent" was never recorded.
    Message.objects.filter(pk=sent.pk).update(status="queued")
    assert delivery.deliver(sent.pk)

    first, again = smtp.with_key("welcome:42")
    # A long header may be folded onto a second line; the id is what is inside <>.
    received = first["Message-ID"].strip()
    assert received == again["Message-ID"].strip() == message_id("welcome:42")
    assert received.endswith("@styregrupper.rkkp.example>")
    assert message_id("welcome:43") != received
    assert first["Auto-Submitted"] == "auto-generated"

    written = email.utils.parsedate_to_datetime(first["Date"])
    copenhagen = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Copenhagen")).utcoffset()
    assert written.utcoffset() == copenhagen != datetime.timedelta(0)
    assert abs(written - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)


def test_a_permanent_refusal_fails_the_letter_at_once_and_the_batch_goes_on(smtp):
    first, refused, last = letter("b1"), letter("b2", "forkert@hospital.example"), letter("b3")
    smtp.refuse = {"forkert@hospital.example"}

    result = delivery.deliver_batch([first.pk, refused.pk, last.pk])

    assert result.sent == [first.pk, last.pk] and result.bounced == [refused.pk]
    assert result.error is None
    refused.refresh_from_db()
    assert (refused.status, refused.attempts, refused.bounced) == ("failed", 1, True)
    assert "550" in refused.last_error and "5.1.1 Mailbox unavailable" in refused.last_error
    assert refused.next_attempt_at is None
    assert sorted(smtp.keys()) == ["b1", "b3"]


def test_a_temporary_refusal_is_retried_later_and_is_no_bounce(smtp):
    busy = letter("t1")
    smtp.mode = "refuse"
    smtp.refuse_code = "450 4.2.1 Mailbox busy"
    with pytest.raises(Exception, match=r"4\.2\.1"):
        delivery.deliver(busy.pk)
    busy.refresh_from_db()
    assert (busy.status, busy.bounced) == ("queued", False)
    assert busy.next_attempt_at is not None
