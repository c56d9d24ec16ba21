"""The reminder scan against the real Redis and a real worker: each reminder reaches the SMTP
server once, though the scan runs twice for the same moment — one of them in two threads at once.
"""

import datetime
import threading
import uuid

from django.db import connection
from django.utils import timezone

from steering.letters import outbox
from steering.meetings import reminders
from steering.models import Invitation, Message
from tests import factories
from tests.reliability.conftest import (  # noqa: F401 (fixtures)
    broker,
    reliability_marks,
    smtp_server,
    start_worker,
    status_of,
    wait_for,
    worker,
)

pytestmark = reliability_marks


def scan_in_thread(moment: datetime.datetime, results: list) -> threading.Thread:
    def run() -> None:
        try:
            results.append(reminders.send_due_reminders(moment))
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_the_scan_run_twice_for_the_same_moment_sends_each_reminder_once(
    worker,  # noqa: F811
    smtp_server,  # noqa: F811
    broker,  # noqa: F811
):
    handler, _ = smtp_server
    now = timezone.now()
    group = factories.GroupFactory(database__name="Dansk Apopleksiregister")
    start = now + datetime.timedelta(days=1, hours=12)
    meeting = factories.MeetingFactory(
        group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=6)
    )
    invitations = []
    for response in ("yes", "maybe", "none", "no"):
        seat = factories.MembershipFactory(group=group)
        invitations.append(
            Invitation.objects.create(
                meeting=meeting,
                person=seat.person,
                response=response,
                invited_at=now - datetime.timedelta(days=20),
            )
        )
    results: list[reminders.ScanResult] = []

    threads = [scan_in_thread(now, results) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    results.append(reminders.send_due_reminders(now))
    assert sum(r.reminders for r in results) == 2
    assert sum(r.nudges for r in results) == 1

    expected = {
        f"reminder:{meeting.pk}:{invitations[0].person_id}:2",
        f"reminder:{meeting.pk}:{invitations[1].person_id}:2",
        f"rsvp_nudge:{meeting.pk}:{invitations[2].person_id}:2",
    }
    assert set(Message.objects.values_list("idempotency_key", flat=True)) == expected
    for key in expected:
        wait_for(lambda key=key: handler.with_key(key), workers=(worker,), what=key)
    # One solo worker takes its queue in order: once a later letter is out, any duplicate
    # of the reminders would have been delivered too.
    sentinel = outbox.queue_message(
        kind="notice",
        key=f"sentinel-{uuid.uuid4()}",
        recipient_email="s@x.example",
        subject="Sentinel",
        body_text="-",
    )[0]
    wait_for(lambda: status_of(sentinel) == "sent", workers=(worker,), what="the sentinel")

    delivered = handler.keys()
    assert sorted(k for k in delivered if k in expected) == sorted(expected)
    assert set(
        Message.objects.filter(idempotency_key__in=expected).values_list("status", flat=True)
    ) == {"sent"}
    mail = handler.with_key(f"reminder:{meeting.pk}:{invitations[0].person_id}:2")[0]
    assert "Dansk Apopleksiregister" in mail["Subject"]
    assert any(part.get_content_type() == "text/calendar" for part in mail.walk())
