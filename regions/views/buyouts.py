"""Buy-out agreements of a region, and the yearly report per region and in total."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions import reports, services
from regions.access import get_agreement_for, get_region_for
from regions.forms import BuyOutDecisionForm, BuyOutForm, ReportYearForm
from regions.models import BuyOutAgreement, Region
from regions.workspace import agreements_listed, chairs_without_agreement
from rkkp_portal import spreadsheets
from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate

MANAGE = "regions.manage_region"
APPROVE = "regions.approve_buyout"


@require_GET
def buyout_list(request: HttpRequest, code: str) -> HttpResponse:
    """Every agreement of the region, a page at a time (the workspace shows the open ones)."""
    region = get_region_for(request.user, code, MANAGE)
    page, query = paginate(request, agreements_listed(region))
    return render(
        request,
        "regions/buyout_list.html",
        {"region": region, "page_obj": page, "query_without_page": query},
    )


@require_GET
def buyout_chairs(request: HttpRequest, code: str) -> HttpResponse:
    """The active chairs employed in the region without an open agreement, a page at a
    time, each with a link that proposes one (the workspace counts them)."""
    region = get_region_for(request.user, code, MANAGE)
    page, query = paginate(request, chairs_without_agreement(region))
    return render(
        request,
        "regions/buyout_chairs.html",
        {"region": region, "page_obj": page, "query_without_page": query},
    )


@require_http_methods(["GET", "POST"])
def buyout_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    # A row of the list of chairs without an agreement names its seat.
    seat = request.GET.get("membership", "")
    initial = {"membership": seat} if seat.isdecimal() and len(seat) <= 18 else {}
    form = BuyOutForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_buyout_agreement(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The buy-out agreement is proposed."))
            return redirect("regions:region-detail", code=region.code)
    return render(request, "regions/buyout_form.html", {"region": region, "form": form})


def _agreement_page(request, region, agreement, *, form=None, decision_form=None):
    """The agreement's page: its terms to edit and, for the secretariat while it is
    proposed, the decision."""
    if form is None:
        initial = {name: getattr(agreement, name) for name in BuyOutForm.base_fields}
        initial["status"] = agreement.status
        form = BuyOutForm(region=region, agreement=agreement, initial=initial)
    may_decide = agreement.status == BuyOutAgreement.Status.PROPOSED and request.user.has_perm(
        APPROVE, agreement
    )
    if may_decide and decision_form is None:
        decision_form = BuyOutDecisionForm()
    context = {
        "region": region,
        "form": form,
        "agreement": agreement,
        # A decision that failed shows its message, even if someone decided meanwhile.
        "decision_form": decision_form if may_decide or decision_form else None,
    }
    return render(request, "regions/buyout_form.html", context)


@require_http_methods(["GET", "POST"])
def buyout_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    agreement = get_agreement_for(request.user, region, pk)
    if request.method != "POST":
        return _agreement_page(request, region, agreement)
    form = BuyOutForm(request.POST, region=region, agreement=agreement)
    if form.is_valid():
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
    return _agreement_page(request, region, agreement, form=form)


@require_POST
def buyout_decide(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = get_region_for(request.user, code, MANAGE)
    agreement = get_agreement_for(request.user, region, pk)
    if not request.user.has_perm(APPROVE, agreement):
        raise PermissionDenied
    form = BuyOutDecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = services.decide_buyout_agreement(
                actor=request.user, agreement=agreement, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decided.status == BuyOutAgreement.Status.APPROVED:
                messages.success(request, _("The buy-out agreement is approved."))
            else:
                messages.success(request, _("The buy-out agreement is rejected."))
            return redirect("regions:buyout-edit", code=region.code, pk=agreement.pk)
    return _agreement_page(request, region, agreement, decision_form=form)


def _report(request: HttpRequest, region: Region | None) -> HttpResponse:
    form = ReportYearForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    year = choice.get("year") or timezone.localdate().year
    totals = reports.buyout_report(year, region)
    filename = f"frikoeb-{region.code if region else 'alle'}-{year}"
    output = choice.get("format") or "html"
    if output in spreadsheets.FORMATS:
        dataset = reports.report_dataset(year, totals)
        return spreadsheets.respond(dataset, output, filename, stamp=False)
    grand = sum(t.total for t in totals)
    context = {"region": region, "form": form, "year": year, "totals": totals, "grand": grand}
    return render(request, "regions/buyout_report.html", context)


@require_GET
def buyout_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, get_region_for(request.user, code, MANAGE))


@require_GET
def buyout_report_all(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("regions.report_all_buyouts"):
        raise PermissionDenied
    return _report(request, None)
