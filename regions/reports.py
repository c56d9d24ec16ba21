"""The yearly buy-out report: what the RKKP pool pays per region, and in total.

An agreement counts in a year in proportion to the days of the year it covers, once the
secretariat has approved it; proposed, rejected and withdrawn agreements are listed but
not counted, as nothing is committed.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import tablib
from django.utils.translation import gettext as _

from regions.models import BuyOutAgreement, Region

CENT = Decimal("0.01")


@dataclass
class ReportRow:
    agreement: BuyOutAgreement
    days: int
    amount_in_year: Decimal
    counted: bool


@dataclass
class RegionTotal:
    region: Region | None
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((r.amount_in_year for r in self.rows if r.counted), Decimal("0.00"))


def _share_of_year(agreement: BuyOutAgreement, year: int) -> tuple[int, Decimal]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start, end = max(agreement.starts_on, first), min(agreement.ends_on, last)
    days = max((end - start).days + 1, 0)
    year_days = (last - first).days + 1
    amount = agreement.annual_amount_dkk * days / year_days
    return days, amount.quantize(CENT, rounding=ROUND_HALF_UP)


def is_committed(agreement: BuyOutAgreement) -> bool:
    """Approved (and perhaps since active or completed): the pool pays it."""
    return agreement.decided_at is not None and agreement.status != BuyOutAgreement.Status.REJECTED


def buyout_report(year: int, region: Region | None = None) -> list[RegionTotal]:
    """One total per region (only ``region`` when given), in two queries."""
    agreements = BuyOutAgreement.objects.overlapping_year(year).select_related(
        "membership__person", "membership__group__database", "employer__region", "employer__parent"
    )
    regions = [region] if region is not None else list(Region.objects.all())
    if region is not None:
        agreements = agreements.for_region(region)
    totals = {r.pk: RegionTotal(r) for r in regions}
    for agreement in agreements.order_by("employer__region__sort_order", "starts_on", "pk"):
        days, amount = _share_of_year(agreement, year)
        counted = is_committed(agreement)
        bucket = totals.get(agreement.employer.region_id)
        if bucket is not None:
            bucket.rows.append(ReportRow(agreement, days, amount, counted))
    return list(totals.values())


def report_dataset(year: int, totals: list[RegionTotal]) -> tablib.Dataset:
    headers = [
        _("Region"),
        _("Database"),
        _("Member"),
        _("Role"),
        _("Employer"),
        _("From"),
        _("To"),
        _("Hours per month"),
        _("Share of a full-time post"),
        _("Annual amount (DKK)"),
        _("Status"),
        _("Days in %(year)s") % {"year": year},
        _("Amount in %(year)s (DKK)") % {"year": year},
    ]
    data = tablib.Dataset(headers=headers, title=str(year))
    for bucket in totals:
        for row in bucket.rows:
            a = row.agreement
            data.append(
                [
                    str(bucket.region),
                    a.membership.group.database.name,
                    a.membership.person.full_name,
                    a.membership.get_role_display(),
                    str(a.employer),
                    a.starts_on,
                    a.ends_on,
                    a.hours_per_month,
                    a.fte_share,
                    a.annual_amount_dkk,
                    a.get_status_display(),
                    row.days,
                    row.amount_in_year if row.counted else None,
                ]
            )
        data.append([str(bucket.region), _("Total"), *[None] * (len(headers) - 3), bucket.total])
    if len(totals) > 1:
        grand = sum((b.total for b in totals), Decimal("0.00"))
        data.append([_("All regions"), _("Total"), *[None] * (len(headers) - 3), grand])
    return data
