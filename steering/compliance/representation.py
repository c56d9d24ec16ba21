"""The regions × groups grid: which region has a member in office in which group.

A page of groups at a time, in their databases' name order; optionally only the groups
that require every region and miss one (the composition rule "regions")."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from regions.models import Region
from steering.models import Membership, SteeringGroup


def groups_for_grid(today: datetime.date, *, missing_only: bool = False) -> QuerySet:
    groups = SteeringGroup.objects.select_related("database").only(
        "requires_all_regions", "database__name", "database__slug"
    )
    if missing_only:
        regions_missing = Region.objects.exclude(
            Exists(
                Membership.objects.in_office(today).filter(
                    group=OuterRef(OuterRef("pk")), representing_region=OuterRef("pk")
                )
            )
        )
        groups = groups.filter(requires_all_regions=True).filter(Exists(regions_missing))
    return groups.order_by("database__name", "pk")


def grid_rows(groups: list[SteeringGroup], regions: list[Region], today: datetime.date):
    """(group, [(region, represented)]) for each group of the page: one query for all."""
    represented = set(
        Membership.objects.in_office(today)
        .filter(group__in=groups, representing_region__isnull=False)
        .values_list("group_id", "representing_region_id")
    )
    return [
        (group, [(region, (group.pk, region.pk) in represented) for region in regions])
        for group in groups
    ]
