"""Attendance statistics over the last 24 months: per member, group, region, and for
leadership representatives at full-day meetings.

Each table is one aggregate query over invitations to meetings that have taken place
(not cancelled): rows of a label, a detail and the counts, read a page at a time, so the
cost does not grow with the number of rows there are.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from steering.models import Invitation, Meeting, Membership

WINDOW_MONTHS = 24
VIEWS = {
    "member": _("Per member"),
    "group": _("Per steering group"),
    "region": _("Per region"),
    "leadership": _("Leadership representatives at full-day meetings"),
}
ATTENDANCE = Invitation.Attendance
# Present at the meeting, in person or online: what the attendance rate counts.
ATTENDED = (ATTENDANCE.PRESENT, ATTENDANCE.REMOTE)


def window_start(today: datetime.date) -> datetime.datetime:
    try:
        start = today.replace(year=today.year - WINDOW_MONTHS // 12)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - WINDOW_MONTHS // 12, day=28)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def invitations_in_window(now: datetime.datetime) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        meeting__starts_at__gte=window_start(timezone.localdate(now)),
        meeting__starts_at__lte=now,
    ).exclude(meeting__status=Meeting.Status.CANCELLED)


def counts() -> dict:
    return {
        "invited": Count("pk"),
        "present": Count("pk", filter=Q(attendance=ATTENDANCE.PRESENT)),
        "remote": Count("pk", filter=Q(attendance=ATTENDANCE.REMOTE)),
        "apologies": Count("pk", filter=Q(attendance=ATTENDANCE.APOLOGIES)),
        "absent": Count("pk", filter=Q(attendance=ATTENDANCE.ABSENT)),
        "unregistered": Count("pk", filter=Q(attendance="")),
    }


def _person_name():
    return Concat("person__first_name", Value(" "), "person__last_name")


def statistics(view: str, now: datetime.datetime | None = None) -> QuerySet:
    """The rows of one table: dicts of ``label``, ``detail`` and the counts (``invited``,
    ``present``, ``remote``, ``apologies``, ``absent``, ``unregistered``, ``registered``),
    in the table's order."""
    invitations = invitations_in_window(now or timezone.now())
    if view == "group":
        rows = invitations.values(
            "meeting__group_id", label=F("meeting__group__database__name"), detail=Value("")
        ).order_by("label", "meeting__group_id")
    elif view == "region":
        english = (get_language() or "da").startswith("en")
        name = "person__region__name_en" if english else "person__region__name_da"
        rows = invitations.values(
            "person__region__sort_order",
            label=Coalesce(F(name), Value(gettext("No region"))),
            detail=Value(""),
        ).order_by("person__region__sort_order")
    elif view == "leadership":
        leader_seat = Membership.objects.filter(
            person_id=OuterRef("person_id"),
            group_id=OuterRef("meeting__group_id"),
            role=Membership.Role.LEADERSHIP,
        )
        rows = (
            invitations.filter(meeting__kind=Meeting.Kind.FULL_DAY)
            .filter(Exists(leader_seat))
            .values(
                "person_id",
                "person__last_name",
                "person__first_name",
                label=_person_name(),
                detail=F("meeting__group__database__name"),
            )
            .order_by("person__last_name", "person__first_name", "detail")
        )
    else:
        rows = invitations.values(
            "person_id",
            "person__last_name",
            "person__first_name",
            label=_person_name(),
            detail=F("person__email"),
        ).order_by("person__last_name", "person__first_name", "person_id")
    return rows.annotate(**counts()).annotate(registered=F("invited") - F("unregistered"))


def rate(row: dict) -> int | None:
    """Share attending (in person or online) of the registered meetings, in percent.
    Shown beside ``registered`` of ``invited``: 100 % of one recorded answer is not 100 %
    of 432."""
    return rate_of(row["present"] + row["remote"], row["registered"])


def rate_of(attended: int, registered: int) -> int | None:
    """``attended`` of ``registered`` in whole percent; None when nothing is recorded."""
    return round(100 * attended / registered) if registered else None


def with_rates(rows) -> list[dict]:
    return [{**row, "rate": rate(row)} for row in rows]
