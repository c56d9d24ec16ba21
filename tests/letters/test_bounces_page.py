"""The secretariat's page of addresses a receiving server refused (/outbox/bounced/)."""

import pytest
from django.urls import reverse

from steering.letters import outbox
from steering.models import Message
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("steering:message-bounces")


def refused(person, address: str, key: str) -> Message:
    return Message.objects.create(
        kind="welcome",
        idempotency_key=key,
        recipient_person=person,
        recipient_email=address,
        subject=f"Velkommen {key}",
        body_text="T",
        status="failed",
        attempts=1,
        bounced=True,
        last_error="SMTPRecipientsRefused: 550 5.1.1 Mailbox unavailable",
    )


def test_the_secretariat_sees_the_people_whose_current_address_bounced(client, secretariat):
    bouncing = factories.PersonFactory(
        first_name="Bent", last_name="Retur", email="bent@forkert.example"
    )
    moved = factories.PersonFactory(first_name="Mona", last_name="Ny", email="mona@ny.example")
    refused(bouncing, "bent@forkert.example", "b-1")
    refused(moved, "mona@gammel.example", "b-2")  # she has a new address since
    Message.objects.create(
        kind="notice",
        idempotency_key="ok",
        recipient_email="x@y.example",
        subject="S",
        body_text="T",
    )

    client.force_login(secretariat)
    page = client.get(URL).content.decode()

    assert "Bent Retur" in page and "bent@forkert.example" in page
    assert "5.1.1 Mailbox unavailable" in page
    assert "Mona" not in page and "Velkommen b-2" not in page
    listing = client.get(reverse("steering:message-list")).content.decode()
    assert URL in listing


def test_only_the_secretariat_may_read_the_bounces(client, admin_hovedstaden, member):
    for user in (admin_hovedstaden, member):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert URL not in client.get(reverse("steering:message-list")).content.decode()


def test_a_retried_letter_is_no_longer_a_bounce(secretariat):
    person = factories.PersonFactory(email="bent@forkert.example")
    letter = refused(person, "bent@forkert.example", "b-3")
    outbox.retry_message(actor=secretariat, message=letter)
    letter.refresh_from_db()
    assert letter.status in ("queued", "sent") and not letter.bounced
