"""The composition dashboard: each rule, how many groups fail it, and which."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steering import compliance, compliance_cache, exports
from steering.access import groups_visible_to


def failing_by_rule(user) -> list[tuple[str, str, list]]:
    """(rule, label, [(group, finding), …]) for every rule, in the rules' order."""
    if not user.has_perm("steering.read_compliance"):
        raise PermissionDenied
    groups = list(groups_visible_to(user).select_related("database").order_by("database__name"))
    findings = compliance_cache.findings_for_groups(groups)
    rows = []
    for rule, label in compliance.RULE_LABELS.items():
        failing = [
            (group, finding)
            for group in groups
            for finding in findings[group.pk]
            if finding.rule == rule
        ]
        rows.append((rule, label, failing))
    return rows


@require_GET
def compliance_dashboard(request: HttpRequest) -> HttpResponse:
    rows = failing_by_rule(request.user)
    return render(request, "steering/compliance_dashboard.html", {"rows": rows})


@require_GET
def compliance_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = failing_by_rule(request.user)
    dataset = exports.failing_groups([(label, failing) for _rule, label, failing in rows])
    return exports.respond(dataset, fmt, "composition")
