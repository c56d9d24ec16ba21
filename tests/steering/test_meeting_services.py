"""Scheduling, moving and cancelling meetings, and who is invited and told about it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from steering.meetings.services import cancel_meeting, change_meeting, schedule_meeting
from steering.models import Invitation, Meeting, Membership, Message
from steering.register.services.memberships import appoint_member
from tests import factories

pytestmark = pytest.mark.django_db


def soon(days: int = 30, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def schedule(actor, group, **fields) -> Meeting:
    fields.setdefault("kind", Meeting.Kind.FULL_DAY)
    fields.setdefault("starts_at", soon())
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=6))
    fields.setdefault("place", "Rigshospitalet, mødelokale 2")
    return schedule_meeting(actor=actor, group=group, **fields)


def event_of(message: Message):
    calendar = Calendar.from_ical(message.ics)
    return calendar, calendar.walk("VEVENT")[0]


def test_scheduling_sends_each_active_member_an_invitation_with_the_ics(
    secretariat, group, member_seat, chair_seat, outsider_seat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(secretariat, group)

    letters = Message.objects.filter(kind=Message.Kind.INVITATION)
    assert {m.recipient_person_id for m in letters} == {
        member_seat.person_id,
        chair_seat.person_id,
    }
    assert {m.idempotency_key for m in letters} == {
        f"invitation:{meeting.pk}:{member_seat.person_id}",
        f"invitation:{meeting.pk}:{chair_seat.person_id}",
    }
    assert len(mail.outbox) == 2
    sent = next(m for m in mail.outbox if m.to == [member_seat.person.email])
    (name, content, mimetype) = sent.attachments[0]
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar; method=REQUEST")
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["UID"]) == f"{meeting.uid}@rkkp-portal"
    assert group.database.name in sent.subject
    assert "Rigshospitalet" in sent.body


def test_a_meeting_recorded_after_the_fact_sends_no_invitations(secretariat, group, member_seat):
    schedule(
        secretariat, group, starts_at=timezone.now() - datetime.timedelta(days=3), allow_past=True
    )

    assert not Message.objects.exists()


def test_notify_false_invites_without_letters(secretariat, group, member_seat):
    meeting = schedule(secretariat, group, notify=False)

    assert meeting.invitations.count() == 1
    assert not Message.objects.exists()


def test_moving_a_meeting_keeps_the_uid_bumps_the_sequence_and_tells_every_invitee(
    secretariat, group, member_seat, chair_seat
):
    meeting = schedule(secretariat, group)
    new_start = soon(days=40, hour=9)

    moved = change_meeting(
        actor=secretariat,
        meeting=meeting,
        kind=meeting.kind,
        starts_at=new_start,
        ends_at=new_start + datetime.timedelta(hours=7),
        place="Aarhus Universitetshospital",
    )

    assert moved.uid == meeting.uid
    assert moved.sequence == 1
    updates = Message.objects.filter(kind=Message.Kind.MEETING_UPDATE)
    assert updates.count() == 2
    calendar, event = event_of(updates.first())
    assert calendar["METHOD"] == "REQUEST"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"{meeting.uid}@rkkp-portal"
    assert event.decoded("DTSTART") == new_start
    assert "Aarhus" in updates.first().body_text


def test_saving_without_changes_sends_nothing(secretariat, group, member_seat):
    meeting = schedule(secretariat, group)

    change_meeting(
        actor=secretariat,
        meeting=meeting,
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
    )

    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert not Message.objects.filter(kind=Message.Kind.MEETING_UPDATE).exists()


def test_a_meeting_cannot_be_moved_into_the_past(secretariat, group, member_seat):
    meeting = schedule(secretariat, group)
    past = timezone.now() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as excinfo:
        change_meeting(
            actor=secretariat,
            meeting=meeting,
            kind=meeting.kind,
            starts_at=past,
            ends_at=past + datetime.timedelta(hours=2),
        )

    assert "starts_at" in excinfo.value.message_dict
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert not Message.objects.filter(kind=Message.Kind.MEETING_UPDATE).exists()


def test_a_move_that_ends_before_it_starts_writes_nothing(secretariat, group, member_seat):
    meeting = schedule(secretariat, group)
    start = soon(days=50)

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        change_meeting(
            actor=secretariat,
            meeting=meeting,
            kind=meeting.kind,
            starts_at=start,
            ends_at=start - datetime.timedelta(hours=1),
        )

    assert "The meeting must end after it starts." in excinfo.value.messages
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.starts_at) == (0, soon())
    assert not Message.objects.filter(kind=Message.Kind.MEETING_UPDATE).exists()


def test_cancelling_sends_a_cancel_ics_to_every_invitee(
    secretariat, group, member_seat, django_capture_on_commit_callbacks
):
    meeting = schedule(secretariat, group)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_meeting(actor=secretariat, meeting=meeting, reason="Too few can attend.")

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.sequence == 1
    letter = Message.objects.get(kind=Message.Kind.MEETING_CANCELLED)
    assert letter.idempotency_key == f"meeting_cancelled:{meeting.pk}:{member_seat.person_id}"
    calendar, event = event_of(letter)
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert "Too few can attend." in letter.body_text
    sent = mail.outbox[-1]
    assert sent.attachments[0][2].startswith("text/calendar; method=CANCEL")


def test_a_cancelled_meeting_cannot_be_cancelled_or_moved_again(secretariat, group, member_seat):
    meeting = schedule(secretariat, group)
    cancel_meeting(actor=secretariat, meeting=meeting)

    with pytest.raises(ValidationError):
        cancel_meeting(actor=secretariat, meeting=meeting)
    with pytest.raises(ValidationError):
        change_meeting(
            actor=secretariat,
            meeting=meeting,
            kind=meeting.kind,
            starts_at=soon(60),
            ends_at=soon(60) + datetime.timedelta(hours=1),
        )

    assert Message.objects.filter(kind=Message.Kind.MEETING_CANCELLED).count() == 1


@pytest.mark.parametrize("actor", ["admin_hovedstaden", "circle_member", "chair", "member"])
def test_only_the_secretariat_may_move_or_cancel(request, secretariat, group, member_seat, actor):
    meeting = schedule(secretariat, group)
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        cancel_meeting(actor=user, meeting=meeting)
    with pytest.raises(PermissionDenied):
        change_meeting(
            actor=user,
            meeting=meeting,
            kind=meeting.kind,
            starts_at=soon(60),
            ends_at=soon(60) + datetime.timedelta(hours=1),
        )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.PLANNED, 0)


def test_a_member_appointed_later_is_invited_to_future_meetings_only(
    secretariat, group, member_seat, hovedstaden
):
    future = schedule(secretariat, group)
    past = schedule(
        secretariat, group, starts_at=timezone.now() - datetime.timedelta(days=3), allow_past=True
    )
    cancelled = schedule(secretariat, group, starts_at=soon(70))
    cancel_meeting(actor=secretariat, meeting=cancelled)
    newcomer = factories.PersonFactory(employer__region=hovedstaden)

    appoint_member(
        actor=secretariat,
        person=newcomer,
        group=group,
        role=Membership.Role.MEMBER,
        representing_region=hovedstaden,
        term_start=timezone.localdate(),
    )

    assert set(Invitation.objects.filter(person=newcomer).values_list("meeting", flat=True)) == {
        future.pk
    }
    letter = Message.objects.get(kind=Message.Kind.INVITATION, recipient_person=newcomer)
    assert letter.idempotency_key == f"invitation:{future.pk}:{newcomer.pk}"
    assert past.invitations.filter(person=newcomer).count() == 0


def test_a_proposed_seat_is_not_invited(secretariat, group, hovedstaden):
    schedule(secretariat, group)
    person = factories.PersonFactory(employer__region=hovedstaden)

    appoint_member(
        actor=secretariat,
        person=person,
        group=group,
        role=Membership.Role.MEMBER,
        representing_region=hovedstaden,
        term_start=timezone.localdate(),
        status=Membership.Status.PROPOSED,
    )

    assert not Invitation.objects.filter(person=person).exists()


def test_the_invitation_letter_is_in_the_members_language(secretariat, group, member_seat):
    member_seat.person.language = "en"
    member_seat.person.save()

    schedule(secretariat, group)

    letter = Message.objects.get(kind=Message.Kind.INVITATION)
    assert letter.language == "en"
    assert letter.subject.startswith("Invitation:")
    assert "Answer without logging in" in letter.body_text
