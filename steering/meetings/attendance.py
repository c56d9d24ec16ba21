"""Attendance statistics over the last 24 months: per member, group, region, and for
leadership representatives at full-day meetings.

Each table is one aggregate query over invitations to meetings that have taken place
(not cancelled), so the cost does not grow with the number of rows shown.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
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


@dataclass(frozen=True)
class Row:
    label: str
    detail: str
    invited: int
    present: int
    remote: int
    apologies: int
    absent: int
    unregistered: int

    @property
    def registered(self) -> int:
        return self.invited - self.unregistered

    @property
    def rate(self) -> int | None:
        """Share attending (in person or online) of the registered meetings, in percent."""
        if not self.registered:
            return None
        return round(100 * (self.present + self.remote) / self.registered)


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


def _counts():
    return {
        "invited": Count("pk"),
        "present": Count("pk", filter=Q(attendance=ATTENDANCE.PRESENT)),
        "remote": Count("pk", filter=Q(attendance=ATTENDANCE.REMOTE)),
        "apologies": Count("pk", filter=Q(attendance=ATTENDANCE.APOLOGIES)),
        "absent": Count("pk", filter=Q(attendance=ATTENDANCE.ABSENT)),
        "unregistered": Count("pk", filter=Q(attendance="")),
    }


def _row(values: dict, label: str, detail: str = "") -> Row:
    return Row(
        label=label,
        detail=detail,
        **{
            key: values[key]
            for key in ("invited", "present", "remote", "apologies", "absent", "unregistered")
        },
    )


def statistics(view: str, now: datetime.datetime | None = None) -> list[Row]:
    now = now or timezone.now()
    invitations = invitations_in_window(now)
    if view == "group":
        rows = (
            invitations.values("meeting__group_id", "meeting__group__database__name")
            .annotate(**_counts())
            .order_by("meeting__group__database__name")
        )
        return [_row(r, r["meeting__group__database__name"]) for r in rows]
    if view == "region":
        rows = (
            invitations.values(
                "person__region__name_da", "person__region__name_en", "person__region__sort_order"
            )
            .annotate(**_counts())
            .order_by("person__region__sort_order")
        )
        english = (get_language() or "da").startswith("en")
        return [
            _row(
                r,
                (r["person__region__name_en"] if english else r["person__region__name_da"])
                or str(_("No region")),
            )
            for r in rows
        ]
    if view == "leadership":
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
                "person__first_name",
                "person__last_name",
                "meeting__group__database__name",
            )
            .annotate(**_counts())
            .order_by("person__last_name", "person__first_name", "meeting__group__database__name")
        )
        return [
            _row(
                r,
                f"{r['person__first_name']} {r['person__last_name']}",
                r["meeting__group__database__name"],
            )
            for r in rows
        ]
    rows = (
        invitations.values("person_id", "person__first_name", "person__last_name", "person__email")
        .annotate(**_counts())
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    return [
        _row(r, f"{r['person__first_name']} {r['person__last_name']}", r["person__email"])
        for r in rows
    ]
