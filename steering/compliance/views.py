"""The composition page: each rule with the number of groups that fail it, and the groups
failing one chosen rule, a page at a time. The export lists every rule's groups.

Whoever may read compliance sees every group (``steering.rules.reads_the_register``), so
both read the whole register."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.models import Region
from rkkp_portal import spreadsheets
from rkkp_portal.paging import paginate
from steering.access import get_database_for
from steering.compliance import charts, checks, exports, forecast
from steering.compliance import register as compliance_register
from steering.compliance import representation as grid
from steering.compliance.forecast_chart import forecast_chart


def _register_for(user) -> compliance_register.Register:
    if not user.has_perm("steering.read_compliance"):
        raise PermissionDenied
    return compliance_register.register()


@require_GET
def compliance_dashboard(request: HttpRequest) -> HttpResponse:
    register = _register_for(request.user)
    rule = request.GET.get("rule")
    if rule not in checks.RULE_LABELS:
        rule = None

    counts = register.count_by_rule()
    context = {
        "rules": [(code, label, counts[code]) for code, label in checks.RULE_LABELS.items()],
        "rule": rule,
        "rule_label": checks.RULE_LABELS.get(rule),
        "by_rule": charts.failing_by_rule(register),
        "by_region": charts.missing_by_region(register),
        "terms": charts.terms_ending_by_quarter(timezone.localdate()),
    }
    if rule:
        page, query = paginate(request, register.failing_rule(rule))
        groups = compliance_register.groups([group_id for group_id, _finding in page])
        findings = dict(page.object_list)
        page.object_list = [(group, findings[group.pk]) for group in groups]
        context |= {"page_obj": page, "query_without_page": query}
    return render(request, "steering/compliance_dashboard.html", context)


@require_GET
def compliance_export(request: HttpRequest, fmt: str) -> HttpResponse:
    register = _register_for(request.user)
    groups = {group.pk: group for group in compliance_register.groups(list(register.failing))}
    rows = [
        (label, groups[group_id], finding)
        for rule, label in checks.RULE_LABELS.items()
        for group_id, finding in register.failing_rule(rule)
        if group_id in groups
    ]
    return spreadsheets.respond(exports.failing_groups(rows), fmt, "composition")


@require_GET
def representation(request: HttpRequest) -> HttpResponse:
    """The regions × groups grid, a page of groups at a time."""
    if not request.user.has_perm("steering.read_compliance"):
        raise PermissionDenied
    today = timezone.localdate()
    missing_only = request.GET.get("missing") == "1"
    page, query = paginate(request, grid.groups_for_grid(today, missing_only=missing_only))
    regions = list(Region.objects.all())
    return render(
        request,
        "steering/compliance_representation.html",
        {
            "regions": regions,
            "rows": grid.grid_rows(list(page.object_list), regions, today),
            "page_obj": page,
            "query_without_page": query,
            "missing_only": missing_only,
        },
    )


# A row is a group's name and 24 months: 15 rows keep the page, under its chart, within
# about three screens at 1366 × 768 (25 made it 2,900 px).
FORECAST_PAGE_SIZE = 15


@require_GET
def forecast_timeline(request: HttpRequest) -> HttpResponse:
    """The next 24 months: the groups that will break a rule, a page at a time, with a
    chart per rule. By default only the groups with a break that begins after today."""
    result = forecast.forecast_for(request.user)
    everything = request.GET.get("all") == "1"
    page, query = paginate(
        request, result.rows if everything else result.new(), per_page=FORECAST_PAGE_SIZE
    )
    groups = {g.pk: g for g in compliance_register.groups([row.group_id for row in page])}
    page.object_list = [(groups[row.group_id], row) for row in page if row.group_id in groups]
    counts = result.count_by_month
    return render(
        request,
        "steering/compliance_forecast.html",
        {
            "forecast": result,
            "chart": forecast_chart(result),
            "counts": [
                (month, [counts[rule][index] for rule in result.rules])
                for index, month in enumerate(result.months)
            ],
            "rule_labels": [checks.RULE_LABELS[rule] for rule in result.rules],
            "page_obj": page,
            "query_without_page": query,
            "everything": everything,
        },
    )


@require_GET
def group_forecast(request: HttpRequest, slug: str) -> HttpResponse:
    """One group's next 24 months: each break with its first and last day."""
    database = get_database_for(request.user, slug, "steering.read_forecast")
    today = timezone.localdate()
    rules, group_forecast = forecast.forecast_of_group(request.user, database.steering_group, today)
    return render(
        request,
        "steering/group_forecast.html",
        {
            "database": database,
            "rules": rules,
            "today": today,
            "group_forecast": group_forecast if group_forecast.breaches else None,
        },
    )
