"""The meeting plan across all groups: one month's meetings, groups short of full-day
meetings in the year, and people with meetings in several groups on the same day.

Three queries whatever the number of groups and meetings; months and years are Danish
calendar months and years (a meeting at 00:30 on 1 January Danish time belongs to the new
year). The page shows one month at a time: a whole year at ten times RKKP's size is
thousands of rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Max, Min, Q
from django.db.models.functions import TruncDate

from steering.meetings.calendar import COPENHAGEN
from steering.models import Invitation, Meeting, Person, SteeringGroup


@dataclass(frozen=True)
class Clash:
    person: Person
    day: datetime.date
    meetings: list[Meeting]


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, 1, 1, tzinfo=COPENHAGEN)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=COPENHAGEN)


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, month, 1, tzinfo=COPENHAGEN)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, datetime.datetime(following.year, following.month, 1, tzinfo=COPENHAGEN)


def meetings_in_month(year: int, month: int):
    """The month's meetings (Danish time), cancelled ones included, in order."""
    start, end = month_bounds(year, month)
    return (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("group__database")
        .only("starts_at", "kind", "status", "group__database__name")
        .order_by("starts_at", "pk")
    )


def groups_short_of_full_day_meetings(year: int):
    """Groups with fewer full-day meetings planned or held this year than they require."""
    start, end = year_bounds(year)
    # The year's full-day meetings are chosen in the join itself: counting with a FILTER
    # over every meeting of every group joined and grouped them all first.
    return (
        SteeringGroup.objects.select_related("database")
        .only("full_day_meetings_per_year", "database__name", "database__slug")
        .annotate(
            year_full_days=FilteredRelation(
                "meetings",
                condition=Q(
                    meetings__kind=Meeting.Kind.FULL_DAY,
                    meetings__starts_at__gte=start,
                    meetings__starts_at__lt=end,
                )
                & ~Q(meetings__status=Meeting.Status.CANCELLED),
            ),
            full_days=Count("year_full_days"),
        )
        .filter(full_days__lt=F("full_day_meetings_per_year"))
        .order_by("database__name")
    )


def clashes(year: int, month: int | None = None) -> list[Clash]:
    """People invited to meetings of two or more groups on the same Danish day of the year,
    or of the month if one is given."""
    start, end = year_bounds(year) if month is None else month_bounds(year, month)
    invitations = (
        Invitation.objects.filter(meeting__starts_at__gte=start, meeting__starts_at__lt=end)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(response=Invitation.Response.NO)
        .annotate(day=TruncDate("meeting__starts_at", tzinfo=COPENHAGEN))
    )
    # Two groups or more: the lowest and highest group differ. Unlike a distinct count,
    # PostgreSQL can hash these aggregates instead of sorting every invitation.
    clashing = (
        invitations.values("person_id", "day")
        .annotate(first_group=Min("meeting__group"), last_group=Max("meeting__group"))
        .filter(first_group__lt=F("last_group"))
    )
    keys = {(row["person_id"], row["day"]) for row in clashing}
    # The people's ids as a list: a subquery would group the invitations a second time.
    rows = (
        invitations.filter(person_id__in=sorted({person for person, _day in keys}))
        .select_related("person", "meeting__group__database")
        # What the plan shows of each: the person's name, the meeting's time and group.
        .only(
            "person__first_name",
            "person__last_name",
            "meeting__starts_at",
            "meeting__group__database__name",
        )
        .order_by("day", "person__last_name", "person__first_name", "meeting__starts_at")
    )
    grouped: dict[tuple[int, datetime.date], list[Invitation]] = defaultdict(list)
    for invitation in rows:
        if (invitation.person_id, invitation.day) in keys:
            grouped[(invitation.person_id, invitation.day)].append(invitation)
    return [
        Clash(person=items[0].person, day=day, meetings=[i.meeting for i in items])
        for (_person, day), items in grouped.items()
    ]
