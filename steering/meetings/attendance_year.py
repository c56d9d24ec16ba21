"""Attendance in one calendar year, in two views (``VIEWS``): the rate per region (a bar
chart and its table), and per steering group (the groups with the lowest rate as a small
chart, then a table a page at a time, by name or by rate). Each view is one pass over the
year's invitations: at ``seed_demo --scale 10`` (about 25,000 invitations a year) one
page with both took two passes, 45 ms in-process, against the admin's 25 ms.

The rate is ``attendance.rate``'s: the share present in person or online of the
invitations whose attendance is recorded. The figures count the invitations the viewer
may count (``steering.meetings.access.invitations_counted_for``) to meetings of the year
that have taken place and were not cancelled: one aggregate over them, per region or per
group, whatever the number of meetings and people. The groups' rows (one per steering
group that met) are ordered, paged and picked for the chart here: done in the database,
the count for the pages, the page and the lowest groups each cost that aggregate again.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from steering.compliance.charts import BarChart, bar_chart
from steering.meetings.attendance import ATTENDED, counts, rate, rate_of
from steering.models import Invitation, Meeting, SteeringGroup

# The years the page offers: this one and the nine before it.
YEARS_OFFERED = 10
# The groups with the lowest rate drawn as a chart.
LOWEST_SHOWN = 5
# The groups' table a page at a time: with the charts above it, the page stays within
# about three screens at 1366 × 768 (tests/browser/checks.py).
GROUPS_PER_PAGE = 20
VIEWS = {
    "regions": gettext_lazy("Per region"),
    "groups": gettext_lazy("Per steering group"),
}
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
    return rows, _row(_("In all"), _summed(counted.values()))


def _summed(rows) -> dict:
    return {name: sum(row[name] for row in rows) for name in _COUNTED}


def per_group(invitations: QuerySet) -> list[dict]:
    """A dict per group with invitations, by name: ``label``, ``slug``, ``meetings`` (those
    with an invitation counted), ``invited``, ``attended`` (in person or online),
    ``registered``, ``share`` (None where nothing is recorded) and ``rate``: what the
    groups' table and chart show, and no more. Counting apologies and absences apart, as
    the regions' view does, cost this page about 4 ms at ``seed_demo --scale 10`` (850
    groups), for figures it does not show.

    The names come by a query of their own, ordered there, so the order by name stays the
    database's collation. Every group's name is read, not only those of the groups counted:
    sent as a list, their ids cost more than the names left unused (at ``seed_demo --scale
    10``, 850 ids took 4 ms, all the names 1 ms)."""
    counted = {
        group_id: figures
        for group_id, *figures in invitations.values_list("meeting__group_id")
        .annotate(
            meetings=Count("meeting_id", distinct=True),
            invited=Count("pk"),
            attended=Count("pk", filter=Q(attendance__in=ATTENDED)),
            unregistered=Count("pk", filter=Q(attendance="")),
        )
        .order_by()
    }
    names = SteeringGroup.objects.order_by("database__name", "pk").values_list(
        "pk", "database__name", "database__slug"
    )
    return [_group_row(label, slug, *counted[pk]) for pk, label, slug in names if pk in counted]


def _group_row(
    label: str, slug: str, meetings: int, invited: int, attended: int, unregistered: int
) -> dict:
    registered = invited - unregistered
    return {
        "label": label,
        "slug": slug,
        "meetings": meetings,
        "invited": invited,
        "attended": attended,
        "registered": registered,
        "share": attended / registered if registered else None,
        "rate": rate_of(attended, registered),
    }


def in_order(groups: list[dict], order: str) -> list[dict]:
    """``per_group``'s rows in ``order`` (ORDERS); the groups without a recorded attendance
    come last in both orders by rate, and equal shares stay by name (the sort is stable)."""
    if order not in ("highest", "lowest"):
        return groups
    sign = -1 if order == "highest" else 1
    return sorted(
        groups,
        key=lambda row: (row["share"] is None, sign * (row["share"] or 0)),
    )


def lowest_groups(groups: list[dict]) -> list[dict]:
    return [row for row in in_order(groups, "lowest") if row["registered"]][:LOWEST_SHOWN]


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
