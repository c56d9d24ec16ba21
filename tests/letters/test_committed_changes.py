"""A committed change is never reported as an error, whatever becomes of its letters.

Each journey (tests/letters/journeys.py) is taken the way its user takes it. The tests are
transactional, so the letters are handed over after a real commit inside the request, as
in production. On the embedded default they are then delivered there and then:

- delivered: Django's locmem backend, every letter is sent;
- smtp-closed-port, backend-raises, database-error: the delivery fails at the SMTP
  connection, in the mail backend, or at the claim;
- broker-down: not eager, the broker's port is closed, and nothing is delivered (an
  action that runs as a background job waits for the broker: its job stays queued).

In every case the user gets their success, the change is committed, each letter says what
became of it (on its page too), and the log names letters by id, never by address.
"""

import contextlib
import logging
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import OperationalError
from django.template import TemplateSyntaxError
from django.urls import reverse
from django.utils.html import escape

from rkkp_portal.jobs.models import Job
from steering.letters import delivery
from steering.models import Message
from tests.letters.journeys import JOURNEYS
from tests.reliability.conftest import free_port, publishing_to

pytestmark = pytest.mark.django_db(transaction=True)

# What becomes of each letter: (status, attempts, how its last error starts).
FATES = {
    "delivered": ("sent", 1, ""),
    "smtp-closed-port": ("queued", 1, "ConnectionRefusedError: "),
    "backend-raises": ("queued", 1, "TemplateSyntaxError: Invalid block tag"),
    "database-error": ("queued", 0, "OperationalError: database is locked"),
    "broker-down": ("queued", 0, "OperationalError: "),
}


class BrokenTemplateBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise TemplateSyntaxError("Invalid block tag on line 3: 'endfor'")


def locked_database(message_ids):
    raise OperationalError("database is locked")


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    """Letters the arranging queues go to memory (the tests look only at the acting's)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    delivery.held_connection.drop()
    yield
    delivery.held_connection.drop()


@contextlib.contextmanager
def letters_meet(fate: str, settings, monkeypatch):
    if fate == "smtp-closed-port":
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
            "127.0.0.1",
            free_port(),
            2,
        )
    elif fate == "backend-raises":
        settings.EMAIL_BACKEND = f"{__name__}.BrokenTemplateBackend"
    elif fate == "database-error":
        monkeypatch.setattr(delivery, "claim_batch", locked_database)
    if fate == "broker-down":
        with publishing_to(f"redis://127.0.0.1:{free_port()}/0", "rkkp-test-broker-down"):
            yield
    else:
        yield


@pytest.mark.parametrize("fate", list(FATES))
@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda journey: journey.__name__)
def test_a_committed_change_is_a_success_whatever_becomes_of_its_letters(
    journey, fate, client, secretariat, settings, monkeypatch, caplog
):
    story = journey()
    story.arrange(secretariat)
    earlier = list(Message.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # messages in their msgid language

    with letters_meet(fate, settings, monkeypatch), caplog.at_level(logging.INFO):
        seen = story.act(client)

    if fate == "broker-down" and getattr(story, "job", False):
        # The job that writes the letters waits for the broker (jobs.services.sweep).
        assert Job.objects.get().state == Job.State.QUEUED and "Waiting to start" in seen
        assert not Message.objects.exclude(pk__in=earlier).exists()
        return
    assert story.success in seen
    assert story.committed()
    letters = list(Message.objects.exclude(pk__in=earlier).order_by("pk"))
    assert Counter(letter.kind for letter in letters) == story.letters
    status, attempts, error = FATES[fate]
    for letter in letters:
        assert (letter.status, letter.attempts) == (status, attempts), letter.last_error
        assert letter.last_error.startswith(error) and bool(letter.last_error) == bool(error)
    delivered = sorted(letter.recipient_email for letter in letters)
    assert sorted(email.to[0] for email in mail.outbox) == (
        delivered if fate == "delivered" else []
    )
    for letter in letters:
        assert letter.recipient_email not in caplog.text
    client.force_login(secretariat)
    page = client.get(reverse("steering:message-detail", args=[letters[0].pk]))
    assert escape(letters[0].last_error or "—") in page.content.decode()
