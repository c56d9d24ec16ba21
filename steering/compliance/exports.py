"""The composition page as a spreadsheet."""

import tablib
from django.utils.translation import gettext as _


def failing_groups(rows: list[tuple]) -> tablib.Dataset:
    """One row per rule and failing group: (the rule's label, the group, the finding)."""
    dataset = tablib.Dataset(
        headers=[_("Rule"), _("Database"), _("Finding")], title=_("Composition")
    )
    for label, group, finding in rows:
        dataset.append([str(label), group.database.name, str(finding.message)])
    return dataset
