"""Pages of the leadership-representative workflow: overview, nominate, decide, withdraw."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from representatives import services
from representatives.access import get_nomination_for
from representatives.eligibility import EligibilityPolicy, eligibility_problems
from representatives.forms import DecisionForm, NominationForm, WithdrawForm, add_service_errors
from representatives.models import LeadershipNomination
from representatives.overview import (
    REPRESENTATIVES_PER_PAGE,
    leadership_overview,
    leadership_seats,
)
from rkkp_portal.lookups import lookup_response
from rkkp_portal.paging import paginate
from steering.models import Membership, StandardText
from steering.models.memberships import Role


def _expectations() -> StandardText | None:
    return StandardText.objects.filter(key=StandardText.Key.LEADERSHIP_EXPECTATIONS).first()


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("representatives.read_overview"):
        raise PermissionDenied
    seats, query = paginate(
        request, leadership_seats(timezone.now()), per_page=REPRESENTATIVES_PER_PAGE
    )
    # The rule itself, not user.has_perm: a "no" would fall through to ModelBackend's queries.
    can_nominate = rules.has_perm("representatives.nominate_someone", request.user)
    can_decide = rules.has_perm("representatives.decide_nomination", request.user)
    return render(
        request,
        "representatives/overview.html",
        {
            "data": leadership_overview(request.user, timezone.localdate()),
            "page_obj": seats,
            "query_without_page": query,
            "can_nominate": can_nominate,
            "can_decide": can_decide,
        },
    )


@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("representatives.nominate_someone"):
        raise PermissionDenied
    policy = EligibilityPolicy.load()
    initial = {key: request.GET.get(key) for key in ("person", "group") if request.GET.get(key)}
    form = NominationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nominate(actor=request.user, policy=policy, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nomination has been sent to the circle."))
            return redirect("representatives:nomination-detail", pk=nomination.pk)
    # Checking a candidate before nominating (the form's check button, or GET ?person=<id>)
    # shows what is missing.
    candidate = None
    if form.searching:
        candidate = form.cleaned_data.get("person")
    elif request.method == "GET" and "person" in initial:
        candidate = form.fields["person"].queryset.filter(pk=_int(initial["person"])).first()
    return render(
        request,
        "representatives/nomination_form.html",
        {
            "form": form,
            "policy": policy,
            "candidate": candidate,
            "candidate_problems": eligibility_problems(candidate, policy) if candidate else [],
        },
    )


@require_GET
def candidate_lookup(request: HttpRequest) -> HttpResponse:
    """The nomination form's candidates matching a search (rkkp_portal/lookups.py): the
    form's own field, so an administrator finds only leaders employed in their region."""
    if not request.user.has_perm("representatives.nominate_someone"):
        raise PermissionDenied
    form = NominationForm(user=request.user)
    return lookup_response(request, form.fields["person"], name="person")


def _int(value: str) -> int:
    # isdecimal, not isdigit: "²" is a digit that int() refuses. Longer than a bigint: no id.
    return int(value) if value.isdecimal() and len(value) <= 18 else 0


def _detail(request, nomination, *, decision_form=None, withdraw_form=None) -> HttpResponse:
    user = request.user
    is_open = nomination.status == LeadershipNomination.Status.PROPOSED
    can_decide = is_open and user.has_perm("representatives.decide_nomination", nomination)
    can_withdraw = is_open and user.has_perm("representatives.withdraw_nomination", nomination)
    problems = eligibility_problems(nomination.person, EligibilityPolicy.load()) if is_open else []
    return render(
        request,
        "representatives/nomination_detail.html",
        {
            "nomination": nomination,
            "problems": problems,
            # A bound form is shown even when the nomination closed meanwhile: its error says so.
            "decision_form": decision_form or (DecisionForm() if can_decide else None),
            "withdraw_form": withdraw_form or (WithdrawForm() if can_withdraw else None),
            "expectations": _expectations(),
        },
    )


@require_GET
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_nomination_for(request.user, pk))


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_nomination_for(request.user, pk, "representatives.decide_nomination")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = services.decide_nomination(
                actor=request.user, nomination=nomination, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision has been recorded and the letters queued."))
            return redirect("representatives:nomination-detail", pk=decided.pk)
    return _detail(request, nomination, decision_form=form)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_nomination_for(request.user, pk, "representatives.withdraw_nomination")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_nomination(
                actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nomination has been withdrawn."))
            return redirect("representatives:nomination-detail", pk=nomination.pk)
    return _detail(request, nomination, withdraw_form=form)


@require_GET
def my_nominations(request: HttpRequest) -> HttpResponse:
    """A user's own nominations (as candidate or proposer) and leadership seats."""
    person_id = request.user.roles.person_id
    mine = Q(proposed_by=request.user)
    if person_id is not None:
        mine |= Q(person_id=person_id)
    nominations = list(
        LeadershipNomination.objects.filter(mine)
        .select_related("person", "group__database")
        .order_by("-created_at")
    )
    seats = list(
        Membership.objects.current()
        .filter(person_id=person_id, role=Role.LEADERSHIP)
        .select_related("group__database")
        .order_by("group__database__name")
        if person_id is not None
        else []
    )
    as_candidate = seats or any(n.person_id == person_id for n in nominations)
    return render(
        request,
        "representatives/my_nominations.html",
        {
            "nominations": nominations,
            "seats": seats,
            "expectations": _expectations() if as_candidate else None,
        },
    )
