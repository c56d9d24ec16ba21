"""The composition page: each rule with the number of groups that fail it, and the groups
failing one chosen rule, a page at a time. The export lists every rule's groups."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rkkp_portal import spreadsheets
from rkkp_portal.paging import paginate
from steering.access import groups_visible_to
from steering.compliance import checks as compliance
from steering.compliance import exports
from steering.compliance import register as compliance_cache
from steering.compliance.register import GroupStatus


def visible_statuses(user) -> list[GroupStatus]:
    """The groups the user may see with their findings, in the databases' name order."""
    if not user.has_perm("steering.read_compliance"):
        raise PermissionDenied
    return list(compliance_cache.statuses_of(groups_visible_to(user)).values())


def failing(statuses: list[GroupStatus], rule: str) -> list[tuple[GroupStatus, object]]:
    """(group, finding) for each group that fails ``rule``."""
    return [(status, f) for status in statuses for f in status.findings if f.rule == rule]


def count_by_rule(statuses: list[GroupStatus]) -> dict[str, int]:
    counts = dict.fromkeys(compliance.RULE_LABELS, 0)
    for status in statuses:
        for rule in {finding.rule for finding in status.findings}:
            counts[rule] += 1
    return counts


@require_GET
def compliance_dashboard(request: HttpRequest) -> HttpResponse:
    rule = request.GET.get("rule")
    if rule not in compliance.RULE_LABELS:
        rule = None

    statuses = visible_statuses(request.user)
    counts = count_by_rule(statuses)
    content: dict = {
        "rules": [(code, label, counts[code]) for code, label in compliance.RULE_LABELS.items()]
    }
    if rule:
        page, query = paginate(request, failing(statuses, rule))
        content |= {"page_obj": page, "query_without_page": query}
    context = content

    return render(
        request,
        "steering/compliance_dashboard.html",
        {"rule": rule, "rule_label": compliance.RULE_LABELS[rule] if rule else None, **context},
    )


@require_GET
def compliance_export(request: HttpRequest, fmt: str) -> HttpResponse:
    statuses = visible_statuses(request.user)
    dataset = exports.failing_groups(
        [(label, failing(statuses, rule)) for rule, label in compliance.RULE_LABELS.items()]
    )
    return spreadsheets.respond(dataset, fmt, "composition")
