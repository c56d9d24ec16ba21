"""The .ics files and feeds, checked by parsing them with icalendar."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from steering.meetings import calendar
from steering.meetings.services import issue_calendar_token
from steering.models import CalendarToken, Invitation, Meeting
from steering.models.calendars import hash_calendar_token
from tests import factories

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def copenhagen(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CPH)


def meeting_at(group, start: datetime.datetime, **fields) -> Meeting:
    return factories.MeetingFactory(
        group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=6), **fields
    )


def parse(text: str):
    parsed = Calendar.from_ical(text)
    return parsed, parsed.walk("VEVENT")


@pytest.mark.parametrize(
    ("start", "utc_hour"),
    [(copenhagen(2031, 7, 3, 10, 0), 8), (copenhagen(2031, 1, 9, 10, 0), 9)],
    ids=["summer time", "winter time"],
)
def test_the_invitation_ics_is_a_request_in_danish_time(group, member_seat, start, utc_hour):
    meeting = meeting_at(group, start, place="Odense Universitetshospital")

    parsed, events = parse(
        calendar.meeting_ics(meeting, attendee=member_seat.person, response="yes")
    )

    assert parsed["VERSION"] == "2.0"
    assert parsed["METHOD"] == "REQUEST"
    assert str(parsed["PRODID"]).startswith("-//RKKP//")
    (vtimezone,) = parsed.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/Copenhagen"
    daylight, standard = vtimezone.walk("DAYLIGHT")[0], vtimezone.walk("STANDARD")[0]
    assert daylight["RRULE"]["BYMONTH"] == [3] and standard["RRULE"]["BYMONTH"] == [10]
    assert daylight["TZOFFSETTO"].td == datetime.timedelta(hours=2)
    # The VTIMEZONE comes before the event that refers to it.
    assert parsed.subcomponents[0].name == "VTIMEZONE"
    (event,) = events
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("DTSTART").hour == 10
    assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == utc_hour
    assert event.decoded("DTEND") == meeting.ends_at
    assert str(event["UID"]) == f"{meeting.uid}@rkkp-portal"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["LOCATION"]) == "Odense Universitetshospital"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{member_seat.person.email}"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"


def test_a_cancelled_meeting_gives_a_cancel_with_the_same_uid(group):
    meeting = meeting_at(group, copenhagen(2031, 3, 3, 9, 30))
    uid = calendar.event_uid(meeting)
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence = 2

    parsed, (event,) = parse(calendar.meeting_ics(meeting))

    assert parsed["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 2


def test_the_personal_feed_lists_the_persons_meetings_without_login(client, group, member_seat):
    mine = meeting_at(group, timezone.now() + datetime.timedelta(days=10), title="Mit møde")
    Invitation.objects.create(meeting=mine, person=member_seat.person)
    meeting_at(group, timezone.now() + datetime.timedelta(days=20), title="Ikke inviteret")
    token = issue_calendar_token(actor=None, person=member_seat.person)

    response = client.get(f"/me/calendar/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed, events = parse(response.content.decode())
    assert "METHOD" not in parsed
    assert len(parsed.walk("VTIMEZONE")) == 1
    assert [str(e["UID"]) for e in events] == [calendar.event_uid(mine)]
    assert reverse("steering:calendar-feed", kwargs={"token": token}) == f"/me/calendar/{token}.ics"


def test_an_unknown_token_is_404(client, db):
    assert client.get("/me/calendar/not-a-real-token.ics").status_code == 404


def test_a_new_token_revokes_the_old_address(client, member, member_seat):
    old = issue_calendar_token(actor=None, person=member_seat.person)

    new = issue_calendar_token(actor=member, person=member_seat.person)

    assert new != old
    assert client.get(f"/me/calendar/{old}.ics").status_code == 404
    assert client.get(f"/me/calendar/{new}.ics").status_code == 200


def test_only_the_tokens_hash_is_stored(member_seat):
    token = issue_calendar_token(actor=None, person=member_seat.person)

    stored = CalendarToken.objects.get(person=member_seat.person)
    assert stored.token_hash == hash_calendar_token(token) != token
    assert token not in str(CalendarToken.objects.values().get())


def test_the_group_feed_is_for_the_groups_members(client, group, other_group, member_seat):
    meeting = meeting_at(group, timezone.now() + datetime.timedelta(days=5))
    token = issue_calendar_token(actor=None, person=member_seat.person)

    own = client.get(f"/me/calendar/{token}/groups/{group.pk}.ics")
    other = client.get(f"/me/calendar/{token}/groups/{other_group.pk}.ics")

    assert own.status_code == 200
    parsed, events = parse(own.content.decode())
    assert [str(e["UID"]) for e in events] == [calendar.event_uid(meeting)]
    assert str(parsed["X-WR-CALNAME"]) == group.database.name
    assert other.status_code == 404


def test_a_member_makes_an_address_and_sees_it_only_then(client, member, member_seat):
    client.force_login(member)
    first = client.get("/me/calendar/")
    assert first.status_code == 200
    assert "<code>" not in first.content.decode()  # no address to show
    assert not CalendarToken.objects.exists()  # opening the page makes nothing

    made = client.post("/me/calendar/")
    shown = client.get(made["Location"])

    assert made.status_code == 302
    token = shown.context["token"]
    assert f"/me/calendar/{token}.ics" in shown.content.decode()
    assert f"/me/calendar/{token}/groups/{member_seat.group_id}.ics" in shown.content.decode()
    assert token not in client.get("/me/calendar/").content.decode()
    assert client.get(f"/me/calendar/{token}.ics").status_code == 200


def test_a_new_address_from_the_calendar_page_revokes_the_old(client, member, member_seat):
    old = issue_calendar_token(actor=None, person=member_seat.person)
    client.force_login(member)

    new = client.post("/me/calendar/", follow=True).context["token"]

    assert new != old
    assert client.get(f"/me/calendar/{old}.ics").status_code == 404
    assert client.get(f"/me/calendar/{new}.ics").status_code == 200


def test_a_new_address_is_shown_to_no_one_else_on_the_same_browser(client, member, chair):
    client.force_login(member)
    client.post("/me/calendar/")  # the redirect is not followed
    token = client.cookies["rkkp_new_calendar_address"].value.split(":")[0]

    client.force_login(chair)
    page = client.get("/me/calendar/")

    assert page.context["token"] is None
    assert token not in page.content.decode()


def test_the_calendar_page_needs_a_person(client, secretariat):
    client.force_login(secretariat)

    assert client.get("/me/calendar/").status_code == 403
    assert client.post("/me/calendar/").status_code == 403
    assert not CalendarToken.objects.exists()


def test_the_calendar_page_needs_login(client, db):
    response = client.get("/me/calendar/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_meetings_ics_download_is_for_those_who_may_see_the_meeting(
    client, member, outsider, group
):
    meeting = meeting_at(group, timezone.now() + datetime.timedelta(days=5))
    url = f"/meetings/{meeting.pk}/calendar.ics"

    client.force_login(member)
    _parsed, (event,) = parse(client.get(url).content.decode())
    assert str(event["UID"]) == calendar.event_uid(meeting)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
