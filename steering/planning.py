"""The year's meeting plan across all groups: meetings by month, groups short of full-day
meetings, and people with meetings in several groups on the same day.

Three queries whatever the number of groups and meetings; the year is the Danish
calendar year (a meeting at 00:30 on 1 January Danish time belongs to the new year).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from steering.calendar import COPENHAGEN
from steering.models import Invitation, Meeting, Person, SteeringGroup


@dataclass(frozen=True)
class Clash:
    person: Person
    day: datetime.date
    meetings: list[Meeting]


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, 1, 1, tzinfo=COPENHAGEN)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=COPENHAGEN)


def meetings_by_month(year: int) -> list[tuple[datetime.date, list[Meeting]]]:
    start, end = year_bounds(year)
    meetings = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("group__database")
        .order_by("starts_at", "pk")
    )
    months: dict[int, list[Meeting]] = {month: [] for month in range(1, 13)}
    for meeting in meetings:
        months[timezone.localtime(meeting.starts_at, COPENHAGEN).month].append(meeting)
    return [(datetime.date(year, month, 1), items) for month, items in months.items()]


def groups_short_of_full_day_meetings(year: int):
    """Groups with fewer full-day meetings planned or held this year than they require."""
    start, end = year_bounds(year)
    return (
        SteeringGroup.objects.select_related("database")
        .annotate(
            full_days=Count(
                "meetings",
                filter=Q(
                    meetings__kind=Meeting.Kind.FULL_DAY,
                    meetings__starts_at__gte=start,
                    meetings__starts_at__lt=end,
                )
                & ~Q(meetings__status=Meeting.Status.CANCELLED),
            )
        )
        .filter(full_days__lt=F("full_day_meetings_per_year"))
        .order_by("database__name")
    )


def clashes(year: int) -> list[Clash]:
    """People invited to meetings of two or more groups on the same Danish day."""
    start, end = year_bounds(year)
    invitations = (
        Invitation.objects.filter(meeting__starts_at__gte=start, meeting__starts_at__lt=end)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(response=Invitation.Response.NO)
        .annotate(day=TruncDate("meeting__starts_at", tzinfo=COPENHAGEN))
    )
    clashing = (
        invitations.values("person_id", "day")
        .annotate(groups=Count("meeting__group", distinct=True))
        .filter(groups__gte=2)
    )
    rows = (
        invitations.filter(
            person_id__in=clashing.values("person_id"),
        )
        .select_related("person", "meeting__group__database")
        .order_by("day", "person__last_name", "person__first_name", "meeting__starts_at")
    )
    keys = {(row["person_id"], row["day"]) for row in clashing}
    grouped: dict[tuple[int, datetime.date], list[Invitation]] = defaultdict(list)
    for invitation in rows:
        if (invitation.person_id, invitation.day) in keys:
            grouped[(invitation.person_id, invitation.day)].append(invitation)
    return [
        Clash(person=items[0].person, day=day, meetings=[i.meeting for i in items])
        for (_person, day), items in grouped.items()
    ]
