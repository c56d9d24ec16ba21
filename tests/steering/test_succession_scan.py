"""Asking ahead (#22): a settable number of days before a seat's planned end, the body
that appoints it is asked once, and the member whether they will continue."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regions.models import AppointmentRequest
from rkkp_portal.config.beat import BEAT_SCHEDULE
from steering.models import Message, SuccessionAsk
from steering.succession.asking import ask_ahead
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
# The fixtures' seats end on 31 December 2027 (the last day of a month); 180 days before.
ASK_DAY = D("2027-07-04")


def letters(kind) -> list[Message]:
    return list(Message.objects.filter(kind=kind).order_by("pk"))


@pytest.fixture
def staff(secretariat, admin_hovedstaden, circle_member):
    return {"secretariat": secretariat, "admin": admin_hovedstaden, "circle": circle_member}


def test_the_region_is_asked_through_an_appointment_request_and_the_member_by_letter(
    staff, member_seat
):
    assert ask_ahead(ASK_DAY) == 1

    ask = SuccessionAsk.objects.get()
    assert ask.membership == member_seat
    assert ask.body == SuccessionAsk.Body.REGION
    assert ask.member_asked
    request = ask.appointment_request
    assert (request.group, request.region) == (member_seat.group, member_seat.representing_region)
    assert request.status == AppointmentRequest.Status.OPEN
    [to_region] = letters(Message.Kind.APPOINTMENT_REQUEST)
    assert to_region.recipient_email == staff["admin"].email
    [to_member] = letters(Message.Kind.WILLINGNESS)
    assert to_member.recipient_email == member_seat.person.email
    assert "/succession/answer/" in to_member.body_text


def test_the_scan_run_twice_asks_once_and_writes_each_letter_once(staff, member_seat):
    assert ask_ahead(ASK_DAY) == 1
    before = Message.objects.count()

    assert ask_ahead(ASK_DAY) == 0
    assert ask_ahead(ASK_DAY + datetime.timedelta(days=1)) == 0

    assert SuccessionAsk.objects.count() == 1
    assert AppointmentRequest.objects.count() == 1
    assert Message.objects.count() == before
    assert len(letters(Message.Kind.WILLINGNESS)) == 1


def test_a_concurrent_run_that_finds_the_seat_asked_writes_nothing(staff, member_seat):
    """The marker decides: a second run that read the seat before the first one's row
    existed fails on ``one_succession_ask_per_seat`` and leaves no request or letter."""
    from steering.succession.asking import ask_about_seat

    ask_ahead(ASK_DAY)
    before = (Message.objects.count(), AppointmentRequest.objects.count())
    # Closing the region's request lets a second one be created, so only the marker stops it.
    AppointmentRequest.objects.update(status=AppointmentRequest.Status.DECLINED, decline_reason="x")

    assert ask_about_seat(member_seat, ASK_DAY) is None

    assert SuccessionAsk.objects.count() == 1
    assert (Message.objects.count(), AppointmentRequest.objects.count()) == before


def test_nobody_is_asked_the_day_before_the_lead_time(staff, member_seat):
    assert ask_ahead(ASK_DAY - datetime.timedelta(days=1)) == 0
    assert not SuccessionAsk.objects.exists()
    assert not Message.objects.exists()


def test_a_missed_day_is_caught_up_and_a_past_term_is_not_asked_about(staff, member_seat):
    assert ask_ahead(D("2027-12-31")) == 1  # the last day of the term still asks
    other = factories.MembershipFactory(group=member_seat.group, role="member")
    other_end = other.term_end

    assert ask_ahead(other_end + datetime.timedelta(days=1)) == 0


def test_a_term_ending_on_29_february_is_asked_about_180_days_before(staff, group, hovedstaden):
    seat = factories.MembershipFactory(
        group=group, term_start=D("2024-03-01"), term_end=D("2028-02-29")
    )
    ask_day = D("2028-02-29") - datetime.timedelta(days=180)
    assert ask_day == D("2027-09-02")

    assert ask_ahead(ask_day - datetime.timedelta(days=1)) == 0
    assert ask_ahead(ask_day) == 1
    assert SuccessionAsk.objects.get().membership == seat


def test_a_term_ending_on_the_last_day_of_a_month_with_a_groups_own_lead_time(staff, member_seat):
    member_seat.group.succession_ask_days = 30
    member_seat.group.save()

    assert ask_ahead(D("2027-11-30")) == 0
    assert ask_ahead(D("2027-12-01")) == 1


def test_the_setting_changes_the_lead_time(staff, member_seat, settings):
    settings.SUCCESSION_ASK_DAYS = 90

    assert ask_ahead(ASK_DAY) == 0
    assert ask_ahead(D("2027-10-02")) == 1


def test_a_future_seat_starting_the_day_the_term_ends_means_nobody_is_asked(
    staff, member_seat, hovedstaden
):
    factories.MembershipFactory(
        group=member_seat.group,
        representing_region=hovedstaden,
        term_start=D("2027-12-31"),
        term_end=D("2031-12-30"),
    )

    assert ask_ahead(ASK_DAY) == 0
    assert not Message.objects.exists()


def test_a_future_seat_for_another_region_is_no_successor(staff, member_seat, syddanmark):
    factories.MembershipFactory(
        group=member_seat.group,
        representing_region=syddanmark,
        person__employer__region=syddanmark,
        term_start=D("2028-01-01"),
        term_end=D("2031-12-31"),
    )

    assert ask_ahead(ASK_DAY) == 1
    assert SuccessionAsk.objects.get().membership == member_seat


def test_the_circle_is_asked_about_a_leadership_seat(staff, group):
    seat = factories.MembershipFactory(
        group=group, role="leadership", representing_region=None, appointing_body="circle"
    )

    ask_ahead(ASK_DAY)

    ask = SuccessionAsk.objects.get(membership=seat)
    assert ask.body == SuccessionAsk.Body.CIRCLE
    assert ask.appointment_request is None
    [to_circle] = letters(Message.Kind.SUCCESSION)
    assert to_circle.recipient_email == staff["circle"].email
    assert len(letters(Message.Kind.WILLINGNESS)) == 1


def test_the_secretariat_gets_a_task_for_a_chair_and_a_first_term_chair_is_asked(staff, chair_seat):
    ask_ahead(ASK_DAY)

    ask = SuccessionAsk.objects.get(membership=chair_seat)
    assert ask.body == SuccessionAsk.Body.SECRETARIAT
    assert ask.member_asked
    [task_letter] = letters(Message.Kind.SUCCESSION)
    assert task_letter.recipient_email == staff["secretariat"].email


def test_a_chair_at_the_framework_limit_is_not_asked_to_continue(staff, group):
    # Chair since 2020: the second period, ending 2027, is the last the framework allows.
    person = factories.PersonFactory()
    chair = {"group": group, "person": person, "role": "chair", "representing_region": None}
    factories.MembershipFactory(
        **chair,
        term_start=D("2020-01-01"),
        term_end=D("2023-12-31"),
        status="ended",
        ended_on=D("2023-12-31"),
    )
    second = factories.MembershipFactory(**chair, term_start=D("2024-01-01"), term_number=2)

    ask_ahead(ASK_DAY)

    ask = SuccessionAsk.objects.get(membership=second)
    assert ask.body == SuccessionAsk.Body.SECRETARIAT
    assert not ask.member_asked
    assert not letters(Message.Kind.WILLINGNESS)
    body = letters(Message.Kind.SUCCESSION)[0].body_text
    assert "no further period" in body or "tillader ikke medlemmet en periode mere" in body


def test_other_roles_and_ended_seats_are_not_asked_about(staff, group):
    factories.MembershipFactory(group=group, role="patient", representing_region=None)
    factories.MembershipFactory(group=group, status="ended", ended_on=D("2025-01-01"))

    assert ask_ahead(ASK_DAY) == 0


def test_the_command_asks_as_of_a_date_and_refuses_a_bad_one(staff, member_seat):
    out = StringIO()
    call_command("ask_about_succession", "--date", ASK_DAY.isoformat(), stdout=out)
    assert "1" in out.getvalue()
    assert SuccessionAsk.objects.count() == 1

    call_command("ask_about_succession", "--date", ASK_DAY.isoformat(), stdout=out)
    assert SuccessionAsk.objects.count() == 1

    with pytest.raises(CommandError):
        call_command("ask_about_succession", "--date", "31-12-2027")


def test_beat_runs_the_scan_daily_and_the_task_asks(staff, member_seat, settings):
    from steering import tasks

    entry = BEAT_SCHEDULE["ask-about-succession"]
    assert entry["task"] == "steering.tasks.ask_about_succession"
    assert settings.CELERY_BEAT_SCHEDULE["ask-about-succession"] == entry
    # As of today no fixture seat is due; the task runs the same scan.
    assert tasks.ask_about_succession.delay().get() == 0


# --- two scans at once (row locks and unique indexes: PostgreSQL) ---------------------------


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_ask_once_and_write_each_letter_once(member_seat, admin_hovedstaden):
    import threading

    from django.db import connection, transaction

    asked, finish = threading.Event(), threading.Event()
    results = {}

    def first_scan():
        try:
            with transaction.atomic():
                results["first"] = ask_ahead(ASK_DAY)
                asked.set()  # asked, not yet committed: the second scan cannot see it
                finish.wait(10)
        finally:
            connection.close()

    def second_scan():
        try:
            results["second"] = ask_ahead(ASK_DAY)
        finally:
            connection.close()

    first = threading.Thread(target=first_scan)
    first.start()
    assert asked.wait(10)
    second = threading.Thread(target=second_scan)
    second.start()
    second.join(0.5)  # it waits on the first scan's rows
    finish.set()
    first.join()
    second.join()

    assert results == {"first": 1, "second": 0}
    assert SuccessionAsk.objects.count() == 1
    assert AppointmentRequest.objects.count() == 1
    assert len(letters(Message.Kind.WILLINGNESS)) == 1
    assert len(letters(Message.Kind.APPOINTMENT_REQUEST)) == 1
