"""Calendar files (.ics) for meetings: one per letter, and feeds for people and groups.

Outlook and Google need a stable UID (the meeting's), a SEQUENCE that grows with every
change, METHOD REQUEST or CANCEL in letters, and the meeting's local time with its
VTIMEZONE, so a meeting moved across a daylight-saving change still lands right.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

from steering.models import Invitation, Meeting, Person

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
PRODID = "-//RKKP//Steering-group portal//DA"

PARTSTAT = {
    Invitation.Response.YES: "ACCEPTED",
    Invitation.Response.NO: "DECLINED",
    Invitation.Response.MAYBE: "TENTATIVE",
    Invitation.Response.NONE: "NEEDS-ACTION",
}


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@rkkp-portal"


def _organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or "RKKP")
    return organizer


def meeting_event(meeting: Meeting, *, attendee: Person | None = None, response: str = "") -> Event:
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(COPENHAGEN))
    event.add("dtend", meeting.ends_at.astimezone(COPENHAGEN))
    event.add(
        "summary", f"{meeting.group.database.name}: {meeting.title or meeting.get_kind_display()}"
    )
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    url = settings.SITE_URL + meeting.get_absolute_url()
    event.add("url", url)
    description = "\n\n".join(part for part in (meeting.video_url, meeting.agenda, url) if part)
    event.add("description", description)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer())
    if attendee is not None and attendee.email:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(attendee.full_name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText(PARTSTAT.get(response, "NEEDS-ACTION"))
        address.params["rsvp"] = vText("FALSE")
        event.add("attendee", address)
    return event


def _calendar(method: str = "", name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Copenhagen")
    return calendar


def copenhagen_vtimezone() -> Timezone:
    """Europe/Copenhagen by the EU rule (last Sunday of March and of October), as Outlook
    writes it: short, and valid for every year rather than a list of dates."""
    hour = datetime.timedelta(hours=1)
    vtimezone = Timezone()
    vtimezone.add("tzid", "Europe/Copenhagen")
    for component, name, offset_from, offset_to, first_change in (
        (TimezoneDaylight(), "CEST", hour, 2 * hour, datetime.datetime(1970, 3, 29, 2)),
        (TimezoneStandard(), "CET", 2 * hour, hour, datetime.datetime(1970, 10, 25, 3)),
    ):
        component.add("tzname", name)
        component.add("tzoffsetfrom", offset_from)
        component.add("tzoffsetto", offset_to)
        component.add("dtstart", first_change)
        component.add("rrule", {"freq": "yearly", "bymonth": first_change.month, "byday": "-1su"})
        vtimezone.add_component(component)
    return vtimezone


def _serialise(calendar: Calendar) -> str:
    # The time zone goes first, as calendar programs expect it before the events using it.
    calendar.subcomponents.insert(0, copenhagen_vtimezone())
    return calendar.to_ical().decode("utf-8")


def meeting_ics(
    meeting: Meeting, *, attendee: Person | None = None, response: str = "", withdrawn: bool = False
) -> str:
    """The file attached to a letter: REQUEST for a planned meeting, CANCEL for a cancelled
    one, and CANCEL of the attendee's own entry when their invitation is ``withdrawn``."""
    cancel = withdrawn or meeting.status == Meeting.Status.CANCELLED
    calendar = _calendar("CANCEL" if cancel else "REQUEST")
    event = meeting_event(meeting, attendee=attendee, response=response)
    if withdrawn:
        # The meeting goes on for the others; this CANCEL only takes it out of this calendar.
        event.pop("status")
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return _serialise(calendar)


def feed_ics(meetings: Iterable[Meeting], *, name: str) -> str:
    """A subscription feed: every event, cancelled ones marked so, no METHOD (RFC 7986 style)."""
    calendar = _calendar(name=name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return _serialise(calendar)
