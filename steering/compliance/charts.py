"""The composition page's charts, as numbers for a server-rendered SVG (``_bar_chart.html``).

Each chart has a text summary and a table beside it, so the picture is never the only way
to the figures; the bars are one dark colour with their value written at the end, which
reads the same in greyscale. The dashboard shows the first two as well, and the yearly
attendance page (``steering/meetings/attendance_year.py``) draws its rates with ``bar_chart``.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regions.models import Region
from steering.compliance import checks
from steering.compliance.registry import Rule
from steering.models import Membership

# The SVG's coordinate system (viewBox): a label column, then the bars. The label column
# holds about 38 characters at the font size of ``_bar_chart.html``.
WIDTH = 640
LABEL_WIDTH = 260
LABEL_CHARACTERS = 38
VALUE_WIDTH = 40
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Layout:
    """A chart's width and label column, in the viewBox's units. The compact one is drawn
    in about 450 px beside its table (the dashboard), so its text is not scaled down as
    far as the full one's would be."""

    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    label_characters: int = LABEL_CHARACTERS


FULL = Layout()
COMPACT = Layout(width=480, label_width=200, label_characters=28)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    y: int
    width: float
    # The value as written at the bar's end: with its unit, or a dash for no value.
    shown: str
    value_x: float

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    summary: str
    scale: int
    bars: list[Bar]
    layout: Layout = FULL

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 4

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def label_width(self) -> int:
        return self.layout.label_width

    @property
    def label_characters(self) -> int:
        return self.layout.label_characters

    bar_height = BAR_HEIGHT


def bar_chart(
    key: str,
    title: str,
    summary: str,
    rows: list[tuple[str, int | None]],
    scale: int,
    *,
    unit: str = "",
    layout: Layout = FULL,
):
    """``unit`` follows each written value (" %"); a value of None draws no bar and a dash."""
    room = layout.width - layout.label_width - VALUE_WIDTH
    bars = []
    for index, (label, value) in enumerate(rows):
        width = room * value / scale if scale and value else 0
        shown = "–" if value is None else f"{value}{unit}"
        x = layout.label_width + width + 6
        bars.append(Bar(label, value, index * ROW_HEIGHT + 2, width, shown, x))
    return BarChart(key, title, summary, scale, bars, layout)


def failing_by_rule(register, *, layout: Layout = FULL) -> BarChart:
    counts = register.count_by_rule()
    rows = [(label, counts[code]) for code, label in checks.RULE_LABELS.items()]
    deviating = len(register.failing)
    summary = ngettext(
        "%(deviating)s of %(total)s group deviates from at least one rule.",
        "%(deviating)s of %(total)s groups deviate from at least one rule.",
        deviating,
    ) % {"deviating": deviating, "total": register.group_count}
    if deviating:
        label, most = max(rows, key=lambda row: row[1])
        summary += " " + _("Most deviate from “%(rule)s” (%(count)s).") % {
            "rule": label,
            "count": most,
        }
    title = _("Groups failing each rule")
    return bar_chart("by-rule", title, summary, rows, register.group_count, layout=layout)


def missing_by_region(
    register, regions: list[Region] | None = None, *, layout: Layout = FULL
) -> BarChart:
    """``regions``: the five, when the page has read them already (the dashboard)."""
    rows = [
        (region.name, len(register.failing_rule(Rule.REGIONS, region.pk)))
        for region in (Region.objects.all() if regions is None else regions)
    ]
    title = _("Groups without a member from the region")
    if any(count for _label, count in rows):
        label, most = max(rows, key=lambda row: row[1])
        summary = _("%(region)s is missing from the most groups: %(count)s of %(total)s.") % {
            "region": label,
            "count": most,
            "total": register.group_count,
        }
    else:
        summary = _("Every region is represented in every group that requires it.")
    return bar_chart("by-region", title, summary, rows, register.group_count, layout=layout)


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def seats_by_term_end(today: datetime.date, until: datetime.date):
    """(day, seats) for each day from ``today`` until (not including) ``until`` on which
    the planned terms of seats in office end.

    Counted per day in SQL: a few hundred rows, not a seat each; and without the seats'
    default order, which joins the database and the person only to sort them. COUNT(*)
    rather than of the ids: the index on (status, term_end) holds term_start too, so
    PostgreSQL counts from the index alone (at scale 10: 3.0 ms with the table, 1.4 ms)."""
    return (
        Membership.objects.in_office(today)
        .filter(term_end__gte=today, term_end__lt=until)
        .order_by()
        .values("term_end")
        .annotate(seats=Count("*"))
        .values_list("term_end", "seats")
    )


def terms_ending_by_quarter(today: datetime.date) -> BarChart:
    """The planned term ends of the seats in office, per quarter, this quarter and the
    seven after it: where the appointing bodies will have work."""
    year, quarter = _quarter(today)
    quarters = []
    for _step in range(8):
        quarters.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    until = datetime.date(year, 3 * quarter - 2, 1)  # the first day after the eighth quarter
    ends = Counter()
    for term_end, seats in seats_by_term_end(today, until):
        ends[_quarter(term_end)] += seats
    rows = [
        (_("Q%(quarter)s %(year)s") % {"quarter": q, "year": y}, ends[(y, q)]) for y, q in quarters
    ]
    total = sum(ends.values())
    summary = ngettext(
        "%(count)s seat's planned term ends in the next two years.",
        "%(count)s seats' planned terms end in the next two years.",
        total,
    ) % {"count": total}
    if total:
        label, most = max(rows, key=lambda row: row[1])
        summary += " " + _("Most in %(quarter)s: %(count)s.") % {"quarter": label, "count": most}
    title = _("Terms ending per quarter")
    return bar_chart("terms", title, summary, rows, max(count for _label, count in rows) or 1)
