"""A broker that accepts connections and never answers (a hung Redis, a half-open
connection): the appointment is saved, the request comes back within a few seconds, and
the letter waits for the sweeper with the reason on it."""

import datetime
import socket
import threading
import time

import pytest
from django.db import connection

from rkkp_portal.celery import app as celery_app
from steering.models import Membership, Message
from steering.register.services.memberships import appoint_member
from tests import factories
from tests.reliability.conftest import publishing_to, reliability_marks

pytestmark = reliability_marks


@pytest.fixture
def hung_broker():
    """A listener on loopback that accepts every connection and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0", accepted
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def test_an_appointment_with_a_hung_broker_comes_back_saved_and_leaves_the_letter_queued(
    hung_broker,
):
    url, accepted = hung_broker
    hovedstaden = factories.region("hovedstaden")
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    group = factories.GroupFactory()
    person = factories.PersonFactory(email="ny.medlem@regionh.example")

    appointed = []

    def appoint() -> None:  # in a thread, so a hang fails the test instead of stalling it
        try:
            appointed.append(
                appoint_member(
                    actor=secretariat,
                    person=person,
                    group=group,
                    role="member",
                    representing_region=hovedstaden,
                    term_start=datetime.date(2026, 1, 1),
                )
            )
        finally:
            connection.close()

    with publishing_to(url, "rkkp-test-hung"):
        started = time.monotonic()
        request = threading.Thread(target=appoint, daemon=True)
        request.start()
        request.join(timeout=30)
        elapsed = time.monotonic() - started
    assert not request.is_alive(), "the appointment hung on the broker"
    (membership,) = appointed

    assert accepted, "the hand-over never reached the hung broker"
    assert elapsed < 6, f"the appointment took {elapsed:.1f} s with a hung broker"
    assert Membership.objects.filter(pk=membership.pk, status="active").exists()
    letter = Message.objects.get(idempotency_key=f"welcome:{membership.pk}")
    assert (letter.status, letter.attempts, letter.handed_over_at) == ("queued", 0, None)
    assert "imeout" in letter.last_error


def test_the_broker_and_the_cache_give_up_on_a_silent_server():
    """The settings that bound the wait, as the worker and the web process read them."""
    options = celery_app.conf.broker_transport_options
    assert 0 < options["socket_connect_timeout"] <= 5
    assert 0 < options["socket_timeout"] <= 5
