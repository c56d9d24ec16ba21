"""Buy-out agreements of a region, and the yearly report per region and in total."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions import reports, services
from regions.access import get_agreement_for, get_region_for
from regions.forms import BuyOutForm, ReportYearForm
from regions.models import Region
from rkkp_portal.forms import add_service_errors

MANAGE = "regions.manage_region"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
def buyout_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    form = BuyOutForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_buyout_agreement(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The buy-out agreement is proposed."))
            return redirect("regions:region-detail", code=region.code)
    return render(request, "regions/buyout_form.html", {"region": region, "form": form})


@require_http_methods(["GET", "POST"])
def buyout_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    agreement = get_agreement_for(request.user, region, pk)
    initial = {name: getattr(agreement, name) for name in BuyOutForm.base_fields}
    initial["status"] = agreement.status
    form = BuyOutForm(request.POST or None, region=region, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_buyout_agreement(
                actor=request.user,
                agreement=agreement,
                status=form.cleaned_data["status"],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The buy-out agreement is saved."))
            return redirect("regions:region-detail", code=region.code)
    context = {"region": region, "form": form, "agreement": agreement}
    return render(request, "regions/buyout_form.html", context)


def _report(request: HttpRequest, region: Region | None) -> HttpResponse:
    form = ReportYearForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    year = choice.get("year") or timezone.localdate().year
    totals = reports.buyout_report(year, region)
    filename = f"frikoeb-{region.code if region else 'alle'}-{year}"
    output = choice.get("format") or "html"
    if output == "csv":
        response = HttpResponse(
            reports.as_csv(reports.report_dataset(year, totals)),
            content_type="text/csv; charset=utf-8",
        )
    elif output == "xlsx":
        response = HttpResponse(
            reports.as_xlsx(reports.report_dataset(year, totals)), content_type=XLSX
        )
    else:
        grand = sum(t.total for t in totals)
        context = {"region": region, "form": form, "year": year, "totals": totals, "grand": grand}
        return render(request, "regions/buyout_report.html", context)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{output}"'
    return response


@require_GET
def buyout_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, get_region_for(request.user, code, MANAGE))


@require_GET
def buyout_report_all(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("regions.report_all_buyouts"):
        raise PermissionDenied
    return _report(request, None)
