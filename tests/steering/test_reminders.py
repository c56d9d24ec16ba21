"""The reminder scan: due reminders and nudges, once each, never to those who declined."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rkkp_portal.celery import app as celery_app
from steering.meetings import reminders
from steering.models import Invitation, Meeting, Membership, Message
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 5, 1, 8, 0, tzinfo=datetime.UTC)


def invite(meeting, response="yes", invited_days_before_start=30, **person) -> Invitation:
    seat = factories.MembershipFactory(
        group=meeting.group, person=factories.PersonFactory(**person)
    )
    return Invitation.objects.create(
        meeting=meeting,
        person=seat.person,
        response=response,
        invited_at=meeting.starts_at - datetime.timedelta(days=invited_days_before_start),
    )


def meeting_in(days: float, group=None, **fields) -> Meeting:
    start = NOW + datetime.timedelta(days=days)
    return factories.MeetingFactory(
        group=group or factories.GroupFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        **fields,
    )


def keys(kind: str) -> set[str]:
    return set(Message.objects.filter(kind=kind).values_list("idempotency_key", flat=True))


def test_the_14_day_reminder_goes_to_those_attending_and_the_nudge_to_those_not_answering():
    meeting = meeting_in(13.5)
    yes = invite(meeting, "yes")
    maybe = invite(meeting, "maybe")
    silent = invite(meeting, "none")
    invite(meeting, "no")

    result = reminders.send_due_reminders(NOW)

    assert (result.reminders, result.nudges) == (2, 1)
    assert keys(Message.Kind.REMINDER) == {
        f"reminder:{meeting.pk}:{yes.person_id}:14",
        f"reminder:{meeting.pk}:{maybe.person_id}:14",
    }
    assert keys(Message.Kind.RSVP_NUDGE) == {f"rsvp_nudge:{meeting.pk}:{silent.person_id}:14"}


def test_running_the_scan_twice_for_the_same_moment_sends_each_letter_once(
    django_capture_on_commit_callbacks,
):
    meeting = meeting_in(1.5)
    invite(meeting, "yes")
    invite(meeting, "none")

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_due_reminders(NOW)
        second = reminders.send_due_reminders(NOW)

    assert (first.reminders, first.nudges) == (1, 1)
    assert (second.reminders, second.nudges) == (0, 0)
    assert Message.objects.count() == 2
    assert len(mail.outbox) == 2
    assert keys(Message.Kind.REMINDER) == {
        f"reminder:{meeting.pk}:{meeting.invitations.get(response='yes').person_id}:2"
    }


def test_nothing_is_due_before_the_lead_time():
    invite(meeting_in(14.5), "yes")

    assert reminders.send_due_reminders(NOW) == reminders.ScanResult(0, 0)
    assert not Message.objects.exists()


def test_after_the_14_day_reminder_the_2_day_one_follows():
    meeting = meeting_in(13)
    invitation = invite(meeting, "yes")
    reminders.send_due_reminders(NOW)

    reminders.send_due_reminders(NOW + datetime.timedelta(days=11, hours=1))

    assert keys(Message.Kind.REMINDER) == {
        f"reminder:{meeting.pk}:{invitation.person_id}:14",
        f"reminder:{meeting.pk}:{invitation.person_id}:2",
    }


def test_a_scan_that_missed_a_reminder_sends_only_the_latest_due():
    meeting = meeting_in(1)
    invitation = invite(meeting, "yes")

    reminders.send_due_reminders(NOW)

    assert keys(Message.Kind.REMINDER) == {f"reminder:{meeting.pk}:{invitation.person_id}:2"}


def test_lead_times_are_per_group():
    group = factories.GroupFactory(reminder_lead_days=[7])
    meeting = meeting_in(6.5, group=group)
    invitation = invite(meeting, "yes")
    invite(meeting_in(13.5), "yes")  # default [14, 2]

    reminders.send_due_reminders(NOW)

    assert f"reminder:{meeting.pk}:{invitation.person_id}:7" in keys(Message.Kind.REMINDER)
    assert len(keys(Message.Kind.REMINDER)) == 2


def test_a_group_without_lead_times_gets_no_reminders():
    group = factories.GroupFactory(reminder_lead_days=[])
    invite(meeting_in(1, group=group), "yes")

    assert reminders.send_due_reminders(NOW) == reminders.ScanResult(0, 0)


def test_someone_invited_after_the_reminder_moment_gets_no_reminder_for_it():
    meeting = meeting_in(5)
    invite(meeting, "yes", invited_days_before_start=6)

    reminders.send_due_reminders(NOW)

    assert not Message.objects.exists()


def test_cancelled_and_past_meetings_get_no_reminders():
    invite(meeting_in(1, status=Meeting.Status.CANCELLED), "yes")
    invite(meeting_in(-0.1), "yes")

    assert reminders.send_due_reminders(NOW) == reminders.ScanResult(0, 0)


def test_someone_whose_seat_has_ended_is_not_reminded():
    invitation = invite(meeting_in(1), "yes")
    Membership.objects.filter(person=invitation.person).update(
        status=Membership.Status.ENDED, ended_on=datetime.date(2031, 4, 1)
    )

    assert reminders.send_due_reminders(NOW) == reminders.ScanResult(0, 0)


def test_a_person_without_email_is_skipped():
    invite(meeting_in(1), "yes", email="")

    assert reminders.send_due_reminders(NOW) == reminders.ScanResult(0, 0)


def test_the_reminder_letter_names_the_meeting_and_carries_its_ics():
    meeting = meeting_in(1.5, place="Aalborg Universitetshospital")
    invite(meeting, "yes")

    reminders.send_due_reminders(NOW)

    letter = Message.objects.get()
    assert "Aalborg Universitetshospital" in letter.body_text
    assert meeting.group.database.name in letter.subject
    assert str(meeting.uid) in letter.ics


def test_the_scan_query_count_does_not_grow_with_the_number_of_invitees(
    django_assert_max_num_queries,
):
    meeting = meeting_in(200)  # nothing due: measures the scan itself
    for _ in range(5):
        invite(meeting, "yes")

    with django_assert_max_num_queries(2):
        reminders.send_due_reminders(NOW)


def test_the_command_and_the_beat_task_run_the_scan(settings):
    invite(meeting_in((timezone.now() - NOW).total_seconds() / 86400 + 1.5), "yes")

    call_command("send_due_reminders")
    assert Message.objects.filter(kind=Message.Kind.REMINDER).count() == 1

    assert celery_app.tasks["steering.tasks.send_due_reminders"].delay().get() == 0
    schedule = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]
    assert schedule["task"] == "steering.tasks.send_due_reminders"
