"""Composition rules for steering groups, as pure functions over plain data.

``check_group`` knows nothing of the database: it takes a ``GroupFacts`` and applies every
rule of the registry (``registry.RULES``: each rule's label, parameters and check).
``facts_for_groups`` loads the facts for many groups in a fixed number of queries, so a
dashboard over every group costs the same as one group page.
"""

import datetime

from django.utils import timezone

from steering.compliance.facts import (
    Finding,
    GroupFacts,
    GroupRules,
    Seat,
    facts_for_groups,
)
from steering.compliance.registry import RULE_LABELS, RULES, Rule, chair_service_limit

__all__ = [
    "RULES",
    "RULE_LABELS",
    "Finding",
    "GroupFacts",
    "GroupRules",
    "Rule",
    "Seat",
    "chair_service_limit",
    "check_group",
    "facts_for_groups",
    "findings_for_groups",
    "summary",
]


def check_group(facts: GroupFacts, today: datetime.date) -> list[Finding]:
    """The group's findings, in the registry's order of the rules."""
    return [finding for rule in RULES.values() if (finding := rule.check(facts, today)) is not None]


def findings_for_groups(
    groups, today: datetime.date | None = None, regions=None
) -> dict[int, list[Finding]]:
    today = today or timezone.localdate()
    facts = facts_for_groups(groups, today, regions)
    return {pk: check_group(group_facts, today) for pk, group_facts in facts.items()}


def summary(findings_by_group: dict[int, list[Finding]]) -> dict[str, int]:
    """How many groups fail each rule."""
    counts = dict.fromkeys(RULES, 0)
    for findings in findings_by_group.values():
        for rule in {f.rule for f in findings}:
            counts[rule] += 1
    return counts
