"""The forecast's chart (``_forecast_chart.html``): one SVG, a band of columns per rule
the viewer forecasts, one column a month, over one month axis that every band shares.

One chart rather than one per rule: the month labels are drawn once instead of five times,
which keeps the timeline page within about three screens and halves what its template
draws. Every band has the same scale (the number of groups forecast), so their columns
compare; each column has its value written above it, so it reads the same in greyscale,
and the page puts the same figures beside it as a table.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from steering.compliance import checks

# The SVG's coordinate system (viewBox): the chart spans the page.
WIDTH = 1200
COLUMN_WIDTH = 28
LABEL = 16  # the rule's name above its band
HEADROOM = 14  # room for the value above the tallest column
AREA = 44  # the tallest column
GAP = 10
BAND = LABEL + HEADROOM + AREA + GAP
AXIS = 30  # the month and, under each January (and the first month), the year


def _at(value: float) -> str:
    """A coordinate as written in the drawing: one decimal, with a point whatever the
    language (a number rendered by the template would get a Danish comma)."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Column:
    value: int
    left: str
    centre: str
    top: str
    tall: str
    value_top: str


@dataclass(frozen=True)
class Band:
    rule: str
    label: str
    summary: str
    label_y: int
    baseline: int
    columns: list[Column]


@dataclass(frozen=True)
class MonthLabel:
    name: str  # short, under its columns
    year: str  # under the first month and each January, else ""
    centre: str


@dataclass(frozen=True)
class ForecastChart:
    title: str
    bands: list[Band]
    months: list[MonthLabel]

    key = "forecast"
    width = WIDTH
    column_width = COLUMN_WIDTH

    @property
    def height(self) -> int:
        return len(self.bands) * BAND + AXIS

    @property
    def month_y(self) -> int:
        return len(self.bands) * BAND + 13

    @property
    def year_y(self) -> int:
        return len(self.bands) * BAND + 27

    @property
    def summary(self) -> str:
        return " ".join(f"{band.label}: {band.summary}" for band in self.bands)


def _left(forecast, index: int) -> float:
    """Where the column of the month at ``index`` begins."""
    step = (WIDTH - 4) / len(forecast.months)
    return 2 + index * step + (step - COLUMN_WIDTH) / 2


def band(forecast, rule: str, label: str, scale: int, top: int = 0) -> Band:
    """How many groups break ``rule`` in each month, drawn from ``top`` down."""
    counts = forecast.count_by_month[rule]
    baseline = top + LABEL + HEADROOM + AREA
    columns = []
    for index, count in enumerate(counts):
        height = AREA * count / scale if scale else 0
        left = _left(forecast, index)
        columns.append(
            Column(
                value=count,
                left=_at(left),
                centre=_at(left + COLUMN_WIDTH / 2),
                top=_at(baseline - height),
                tall=_at(height),
                value_top=_at(baseline - height - 3),
            )
        )
    most = max(counts)
    summary = _("%(now)s now; at most %(most)s, in %(month)s.") % {
        "now": counts[0],
        "most": most,
        "month": forecast.months[counts.index(most)].label,
    }
    return Band(rule, label, summary, top + LABEL - 4, baseline, columns)


def forecast_chart(forecast) -> ForecastChart:
    """A band for each rule the viewer forecasts, on one scale: the groups forecast."""
    bands = [
        band(forecast, rule, checks.RULE_LABELS[rule], forecast.group_count, index * BAND)
        for index, rule in enumerate(forecast.rules)
    ]
    months = [
        MonthLabel(
            name=month.abbreviation,
            # Under each January, and under the first month unless January is next to it.
            year=str(month.first.year)
            if month.first.month == 1 or (index == 0 and month.first.month != 12)
            else "",
            centre=_at(_left(forecast, index) + COLUMN_WIDTH / 2),
        )
        for index, month in enumerate(forecast.months)
    ]
    return ForecastChart(_("Groups that will break each rule, per month"), bands, months)
