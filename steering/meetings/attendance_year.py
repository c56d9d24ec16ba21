"""Attendance in one calendar year: the rate per region (a bar chart), per steering group
(a table a page at a time, by name or by rate) and the groups with the lowest rate (a
small chart).

The rate is ``attendance.rate``'s: the share present in person or online of the
invitations whose attendance is recorded. Each figure is one aggregate query over the
invitations the viewer may count (``steering.meetings.access.invitations_counted_for``)
to meetings of the year that have taken place and were not cancelled, whatever the number
of meetings and people.
"""

import datetime

from django.db.models import Count, F, FloatField, QuerySet, Value
from django.db.models.functions import Cast, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from steering.compliance.charts import BarChart, bar_chart
from steering.meetings.attendance import counts, rate, with_rates
from steering.models import Invitation, Meeting

# The years the page offers: this one and the nine before it.
YEARS_OFFERED = 10
# The groups with the lowest rate drawn as a chart.
LOWEST_SHOWN = 5
# The groups' table a page at a time: with the charts above it, the page stays within
# about three screens at 1366 × 768 (tests/browser/checks.py).
GROUPS_PER_PAGE = 20
ORDERS = {
    "name": gettext_lazy("By name"),
    "highest": gettext_lazy("Highest attendance first"),
    "lowest": gettext_lazy("Lowest attendance first"),
}
_COUNTED = ("invited", "present", "remote", "apologies", "absent", "unregistered")


def years_offered(today: datetime.date) -> list[int]:
    return list(range(today.year, today.year - YEARS_OFFERED, -1))


def in_year(invitations: QuerySet[Invitation], year: int, now: datetime.datetime) -> QuerySet:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return invitations.filter(
        meeting__starts_at__gte=start, meeting__starts_at__lt=end, meeting__starts_at__lte=now
    ).exclude(meeting__status=Meeting.Status.CANCELLED)


def _row(label: str, counted: dict | None) -> dict:
    row = {"label": label, **{name: (counted or {}).get(name, 0) for name in _COUNTED}}
    row["registered"] = row["invited"] - row["unregistered"]
    return {**row, "rate": rate(row)}


def per_region(invitations: QuerySet, regions: list[Region]) -> tuple[list[dict], dict]:
    """A row for each of ``regions`` (zero where nobody was invited), one for the people
    without a region when there are any, and the total of all of them."""
    counted = {
        row.pop("person__region_id"): row
        for row in invitations.values("person__region_id").annotate(**counts()).order_by()
    }
    rows = [_row(region.name, counted.get(region.pk)) for region in regions]
    if None in counted:
        rows.append(_row(_("No region"), counted[None]))
    total = {name: sum(row[name] for row in counted.values()) for name in _COUNTED}
    return rows, _row(_("In all"), total)


def per_group(invitations: QuerySet, order: str) -> QuerySet:
    """A dict per group with invitations: ``label``, ``slug``, ``meetings``, the counts and
    ``share`` (None where nothing is recorded), in ``order`` (ORDERS); the groups without a
    recorded attendance come last in both orders by rate."""
    rows = (
        invitations.values(
            "meeting__group_id",
            label=F("meeting__group__database__name"),
            slug=F("meeting__group__database__slug"),
        )
        .annotate(meetings=Count("meeting_id", distinct=True), **counts())
        .annotate(registered=F("invited") - F("unregistered"))
        .annotate(
            share=Cast(F("present") + F("remote"), FloatField()) / NullIf(F("registered"), Value(0))
        )
    )
    by_name = ("label", "meeting__group_id")
    if order == "highest":
        return rows.order_by(F("share").desc(nulls_last=True), *by_name)
    if order == "lowest":
        return rows.order_by(F("share").asc(nulls_last=True), *by_name)
    return rows.order_by(*by_name)


def lowest_groups(invitations: QuerySet) -> list[dict]:
    return with_rates(per_group(invitations, "lowest").filter(registered__gt=0)[:LOWEST_SHOWN])


def region_chart(year: int, rows: list[dict], total: dict) -> BarChart:
    if total["rate"] is None:
        summary = _("No attendance is recorded for the meetings held in %(year)s.") % {"year": year}
    else:
        summary = _(
            "In %(year)s, %(rate)s %% of the recorded invitations were attended "
            "(%(recorded)s of %(invited)s invitations recorded)."
        ) % {
            "year": year,
            "rate": total["rate"],
            "recorded": total["registered"],
            "invited": total["invited"],
        }
        rated = [row for row in rows if row["rate"] is not None]
        if len(rated) > 1:
            high = max(rated, key=lambda row: row["rate"])
            low = min(rated, key=lambda row: row["rate"])
            summary += " " + _(
                "Highest in %(high)s (%(high_rate)s %%), lowest in %(low)s (%(low_rate)s %%)."
            ) % {
                "high": high["label"],
                "high_rate": high["rate"],
                "low": low["label"],
                "low_rate": low["rate"],
            }
    title = _("Attendance per region in %(year)s") % {"year": year}
    bars = [(row["label"], row["rate"]) for row in rows]
    return bar_chart("regions", title, summary, bars, 100, unit=" %")


def lowest_chart(year: int, rows: list[dict]) -> BarChart:
    if rows:
        summary = _("The lowest attendance in %(year)s: %(group)s with %(rate)s %%.") % {
            "year": year,
            "group": rows[0]["label"],
            "rate": rows[0]["rate"],
        }
    else:
        summary = _("No group has a recorded attendance in %(year)s.") % {"year": year}
    title = _("The groups with the lowest attendance in %(year)s") % {"year": year}
    bars = [(row["label"], row["rate"]) for row in rows]
    return bar_chart("lowest", title, summary, bars, 100, unit=" %")
