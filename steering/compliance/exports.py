"""The compliance page as a spreadsheet."""

import tablib
from django.utils.translation import gettext as _


def failing_groups(rows: list[tuple[str, list]]) -> tablib.Dataset:
    """The compliance dashboard: one row per rule and failing group
    (``compliance_cache.GroupStatus``, finding)."""
    dataset = tablib.Dataset(
        headers=[_("Rule"), _("Database"), _("Finding")], title=_("Composition")
    )
    for label, items in rows:
        for group, finding in items:
            dataset.append([str(label), group.name, str(finding.message)])
    return dataset
