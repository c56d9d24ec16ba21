"""The reminder scan: queue the meeting reminders and answer nudges that are due now.

Beat runs it every 15 minutes (``steering.tasks.send_due_reminders``) and cron can run
``manage.py send_due_reminders``. It scans the database instead of scheduling a task per
reminder, so a moved or cancelled meeting needs no clean-up, and each letter's
idempotency key (``reminder:<meeting>:<person>:<lead days>``) makes a second scan for the
same moment, or two overlapping scans, queue nothing new.

For each invitee the reminder due is the one with the shortest lead time that has
passed: after a pause of the scheduler the member gets the latest reminder, not a burst
of old ones. Those who declined get nothing; those who have not answered get the nudge
(a reminder that asks them to answer, with one-click links) instead of the plain reminder.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from steering.meetings.letters import letter_key, queue_meeting_letter
from steering.models import Invitation, Meeting, Membership, Message
from steering.models.databases import MAX_REMINDER_LEAD_DAYS, default_reminder_lead_days

# Lead times beyond this are ignored; it bounds the scan to the meetings that can be due.
MAX_LEAD_DAYS = MAX_REMINDER_LEAD_DAYS


@dataclass(frozen=True)
class ScanResult:
    reminders: int = 0
    nudges: int = 0


def lead_days_for(group) -> list[int]:
    """The group's lead times, cleaned: whole days from 1 to MAX_LEAD_DAYS, longest first."""
    raw = group.reminder_lead_days
    if not isinstance(raw, list):
        raw = default_reminder_lead_days()
    days = {d for d in raw if isinstance(d, int) and not isinstance(d, bool)}
    return sorted((d for d in days if 1 <= d <= MAX_LEAD_DAYS), reverse=True)


def due_lead_days(invitation: Invitation, leads: list[int], now: datetime.datetime) -> int | None:
    """The shortest lead time whose moment has passed, if the person was invited before it."""
    starts_at = invitation.meeting.starts_at
    passed = [d for d in leads if starts_at - datetime.timedelta(days=d) <= now]
    if not passed:
        return None
    lead = min(passed)
    if invitation.invited_at > starts_at - datetime.timedelta(days=lead):
        return None
    return lead


def due_letters(now: datetime.datetime) -> list[tuple[str, Invitation, int]]:
    """(kind, invitation, lead days) for every reminder or nudge due at ``now``."""
    invitations = (
        Invitation.objects.filter(
            meeting__status=Meeting.Status.PLANNED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + datetime.timedelta(days=MAX_LEAD_DAYS),
        )
        .exclude(response=Invitation.Response.NO)
        .exclude(person__email="")
        # Someone whose seat has ended since the invitation is not reminded.
        .filter(
            Exists(
                Membership.objects.active().filter(
                    person_id=OuterRef("person_id"), group_id=OuterRef("meeting__group_id")
                )
            )
        )
        .select_related("meeting__group__database", "person")
        .order_by("meeting__starts_at", "pk")
    )
    due = []
    for invitation in invitations:
        lead = due_lead_days(invitation, lead_days_for(invitation.meeting.group), now)
        if lead is None:
            continue
        kind = (
            Message.Kind.RSVP_NUDGE
            if invitation.response == Invitation.Response.NONE
            else Message.Kind.REMINDER
        )
        due.append((kind, invitation, lead))
    return due


def send_due_reminders(now: datetime.datetime | None = None) -> ScanResult:
    """Queue every due reminder and nudge not queued before; returns how many were new."""
    now = now or timezone.now()
    due = due_letters(now)
    keys = [letter_key(kind, invitation, lead) for kind, invitation, lead in due]
    already = set(
        Message.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    counts = {Message.Kind.REMINDER: 0, Message.Kind.RSVP_NUDGE: 0}
    for (kind, invitation, lead), key in zip(due, keys, strict=True):
        if key in already:
            continue
        # One transaction per letter: a failure in one does not hold back the others.
        with transaction.atomic():
            _message, created = queue_meeting_letter(kind, invitation, lead_days=lead)
        counts[kind] += int(created)
    return ScanResult(
        reminders=counts[Message.Kind.REMINDER], nudges=counts[Message.Kind.RSVP_NUDGE]
    )
