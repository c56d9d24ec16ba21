"""A steering group's meetings this year: the full-day meetings and a few shorter ones."""

import datetime
import random

from django.utils import timezone

from steering.demo.data import FULL_DAY_AGENDA, MEETING_PLACES, ORDINARY_AGENDA
from steering.models import Meeting, SteeringGroup
from steering.services import schedule_meeting


def schedule_year(
    group: SteeringGroup,
    *,
    slug: str,
    full_day_meetings: int,
    rng: random.Random,
    today: datetime.date,
) -> int:
    """Schedule this year's meetings (those already held too); return how many."""
    year = today.year
    meetings = 0
    days = [(f"Heldagsmøde forår {year}", _weekday(year, rng.randint(3, 5), rng))]
    if full_day_meetings > 1:
        days.append((f"Heldagsmøde efterår {year}", _weekday(year, rng.randint(9, 12), rng)))
    for title, day in days:
        _schedule(
            group,
            Meeting.Kind.FULL_DAY,
            title,
            _at(day, 9, 30),
            _at(day, 15, 30),
            place=rng.choice(MEETING_PLACES),
            agenda=FULL_DAY_AGENDA,
        )
        meetings += 1
    for number in range(rng.randint(0, 2)):
        day = _weekday(year, rng.choice((1, 2, 6, 8)), rng)
        if rng.random() < 0.6:
            _schedule(
                group,
                Meeting.Kind.ONLINE,
                "Online styregruppemøde",
                _at(day, 14, 0),
                _at(day, 15, 30),
                video_url=f"https://moede.rkkp.example/{slug}-{year}-{number + 1}",
                agenda=ORDINARY_AGENDA,
            )
        else:
            _schedule(
                group,
                Meeting.Kind.ORDINARY,
                "Styregruppemøde",
                _at(day, 10, 0),
                _at(day, 13, 0),
                place=MEETING_PLACES[0],
                agenda=ORDINARY_AGENDA,
            )
        meetings += 1
    return meetings


def _schedule(group, kind, title, starts_at, ends_at, **details) -> None:
    schedule_meeting(
        actor=None,
        group=group,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        allow_past=True,
        **details,
    )


def _weekday(year: int, month: int, rng: random.Random) -> datetime.date:
    day = datetime.date(year, month, rng.randint(1, 28))
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
