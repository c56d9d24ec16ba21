"""A steering group's meetings this year: the full-day meetings and a few shorter ones,
with the attendance of those already held registered (the yearly attendance charts)."""

import datetime
import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from steering.demo.data import FULL_DAY_AGENDA, MEETING_PLACES, ORDINARY_AGENDA
from steering.meetings.services import register_attendance, schedule_meeting
from steering.models import Invitation, Meeting, SteeringGroup


def schedule_year(
    group: SteeringGroup,
    *,
    slug: str,
    full_day_meetings: int,
    rng: random.Random,
    today: datetime.date,
    attendee_ids: set[int] | None = None,
) -> int:
    """Schedule this year's meetings (those already held too); return how many.

    Given ``attendee_ids``, the meetings and invitations are written in bulk, with
    history, instead of through ``schedule_meeting`` (benchmark copies).
    """
    meetings = _plan(slug=slug, full_day_meetings=full_day_meetings, rng=rng, year=today.year)
    if attendee_ids is None:
        # Its own random numbers, so the rest of the demo is drawn as before.
        attendance_rng = random.Random(f"attendance:{slug}")  # noqa: S311 - demo data
        # Some groups attend better than others.
        present = attendance_rng.uniform(0.5, 0.9)
        for details in meetings:
            # Demo data sends no invitations.
            meeting = schedule_meeting(
                actor=None, group=group, allow_past=True, notify=False, **details
            )
            if meeting.ends_at < timezone.now():
                _register_attendance(meeting, present, attendance_rng)
    else:
        _write_in_bulk(group, meetings, attendee_ids)
    return len(meetings)


def _plan(*, slug: str, full_day_meetings: int, rng: random.Random, year: int) -> list[dict]:
    days = [(f"Heldagsmøde forår {year}", _weekday(year, rng.randint(3, 5), rng))]
    if full_day_meetings > 1:
        days.append((f"Heldagsmøde efterår {year}", _weekday(year, rng.randint(9, 12), rng)))
    meetings = [
        {
            "kind": Meeting.Kind.FULL_DAY,
            "title": title,
            "starts_at": _at(day, 9, 30),
            "ends_at": _at(day, 15, 30),
            "place": rng.choice(MEETING_PLACES),
            "agenda": FULL_DAY_AGENDA,
        }
        for title, day in days
    ]
    for number in range(rng.randint(0, 2)):
        day = _weekday(year, rng.choice((1, 2, 6, 8)), rng)
        if rng.random() < 0.6:
            meetings.append(
                {
                    "kind": Meeting.Kind.ONLINE,
                    "title": "Online styregruppemøde",
                    "starts_at": _at(day, 14, 0),
                    "ends_at": _at(day, 15, 30),
                    "video_url": f"https://moede.rkkp.example/{slug}-{year}-{number + 1}",
                    "agenda": ORDINARY_AGENDA,
                }
            )
        else:
            meetings.append(
                {
                    "kind": Meeting.Kind.ORDINARY,
                    "title": "Styregruppemøde",
                    "starts_at": _at(day, 10, 0),
                    "ends_at": _at(day, 13, 0),
                    "place": MEETING_PLACES[0],
                    "agenda": ORDINARY_AGENDA,
                }
            )
    return meetings


# Of those not present in person: online, sent apologies, absent (weights).
_NOT_IN_PERSON = ((Invitation.Attendance.REMOTE, 3), (Invitation.Attendance.APOLOGIES, 3))


def _register_attendance(meeting: Meeting, present: float, rng: random.Random) -> None:
    """Register ``present`` of the invited as present and the rest otherwise; one held
    meeting in eight is left unregistered, as it would be a week after."""
    if rng.random() < 0.125:
        return
    values = [value for value, weight in _NOT_IN_PERSON for _n in range(weight)]
    values.append(Invitation.Attendance.ABSENT)
    attendance = {
        pk: Invitation.Attendance.PRESENT if rng.random() < present else rng.choice(values)
        for pk in meeting.invitations.order_by("pk").values_list("pk", flat=True)
    }
    register_attendance(actor=None, meeting=meeting, attendance=attendance)


def _write_in_bulk(group: SteeringGroup, meetings: list[dict], attendee_ids: set[int]) -> None:
    now = timezone.now()
    rows = [
        Meeting(
            group=group,
            status=Meeting.Status.HELD if details["ends_at"] < now else Meeting.Status.PLANNED,
            **details,
        )
        for details in meetings
    ]
    bulk_create_with_history(rows, Meeting)
    invitations = [
        Invitation(meeting=meeting, person_id=pk) for meeting in rows for pk in sorted(attendee_ids)
    ]
    bulk_create_with_history(invitations, Invitation)


def _weekday(year: int, month: int, rng: random.Random) -> datetime.date:
    day = datetime.date(year, month, rng.randint(1, 28))
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
