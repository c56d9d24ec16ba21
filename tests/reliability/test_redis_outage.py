"""Redis stopped during an appointment: the appointment stands, the letter comes later.

The test runs a Redis server of its own (never the shared one) so it can stop and start it.
"""

import datetime
import time

from steering.letters import outbox
from steering.models import Membership, Message
from steering.register.services.memberships import appoint_member
from tests import factories
from tests.reliability.conftest import reliability_marks, status_of, wait_for

pytestmark = reliability_marks


def test_an_appointment_while_redis_is_down_is_saved_and_its_letter_sent_when_redis_is_back(
    own_redis, broker, start_worker, smtp_server
):
    handler, _ = smtp_server
    worker = start_worker()
    hovedstaden = factories.region("hovedstaden")
    secretariat = factories.make_secretariat(email="sekretariat@rkkp.example")
    group = factories.GroupFactory()
    person = factories.PersonFactory(email="ny.medlem@regionh.example")

    own_redis.stop()
    started = time.monotonic()
    membership = appoint_member(
        actor=secretariat,
        person=person,
        group=group,
        role="member",
        representing_region=hovedstaden,
        term_start=datetime.date(2026, 1, 1),
    )
    elapsed = time.monotonic() - started

    # The request did not fail, and did not hang on the broker either.
    assert elapsed < 10, f"the appointment took {elapsed:.1f} s with Redis down"
    assert Membership.objects.filter(pk=membership.pk, status="active").exists()
    letter = Message.objects.get(idempotency_key=f"welcome:{membership.pk}")
    assert letter.status == "queued" and letter.attempts == 0
    time.sleep(1)
    assert handler.keys() == []

    own_redis.start()
    # The worker reconnects by itself; the sweeper (here as `sweep_outbox --all` would run
    # it) hands the letter nobody enqueued to the broker.
    assert outbox.sweep(include_recent=True) == 1
    wait_for(lambda: status_of(letter) == "sent", workers=(worker,), what="the welcome letter")
    assert len(handler.with_key(letter.idempotency_key)) == 1
    assert handler.recipients == [["ny.medlem@regionh.example"]]
