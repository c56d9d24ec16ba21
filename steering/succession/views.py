"""Succession pages: the appointing body's list of questions with the members' answers
and "re-appoint"; the member's answer page, reached by the signed link in their letter."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate
from steering.models import SuccessionAsk
from steering.succession import willingness
from steering.succession.access import asks_for, get_ask_for
from steering.succession.reappointing import cancel_renewal, reappoint_from_ask


class WillingnessForm(forms.Form):
    willing = forms.ChoiceField(
        label=gettext_lazy("Are you willing to continue for another period?"),
        choices=SuccessionAsk.Willing.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


LINK_PROBLEMS = {
    "expired": gettext_lazy(
        "This link has expired. Contact the RKKP secretariat if you still want to answer."
    ),
    "invalid": gettext_lazy(
        "This link is not valid. It may have been changed or cut off; use the link from the e-mail."
    ),
    "closed": gettext_lazy(
        "The question about your seat is closed, so no answer is needed. Nothing was recorded."
    ),
}


@require_GET
def succession_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.follow_succession"):
        raise PermissionDenied
    closed = request.GET.get("show") == "closed"
    asks = asks_for(request.user).select_related(
        "membership__person",
        "membership__group__database",
        "membership__representing_region",
        "appointment_request__region",
        "successor",
    )
    asks = (
        asks.exclude(status=SuccessionAsk.Status.OPEN).order_by("-closed_at", "-pk")
        if closed
        else asks.open()
    )
    page, query = paginate(request, asks)
    context = {"page_obj": page, "query_without_page": query, "closed": closed}
    return render(request, "steering/succession_list.html", context)


@require_POST
def succession_reappoint(request: HttpRequest, pk: int) -> HttpResponse:
    ask = get_ask_for(request.user, pk)
    if not request.user.has_perm("steering.handle_succession", ask):
        raise PermissionDenied
    try:
        decided = reappoint_from_ask(actor=request.user, ask=ask)
    except ValidationError as error:
        if _may_excuse(request.user, ask, error):
            # The seat's own re-appointment page records the reason for an exception,
            # and settles this question when it re-appoints.
            messages.warning(
                request,
                " ".join(
                    [
                        *error.messages,
                        _("Give the reason for an exception, or appoint someone else."),
                    ]
                ),
            )
            return redirect("steering:membership-reappoint", pk=ask.membership_id)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is re-appointed from %(date)s.")
            % {
                "person": ask.membership.person.full_name,
                "date": date_format(decided.reappointed_from),
            },
        )
    return _back(ask)


@require_POST
def succession_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a re-appointment decided ahead, before its new term starts."""
    ask = get_ask_for(request.user, pk)
    if not request.user.has_perm("steering.handle_succession", ask):
        raise PermissionDenied
    try:
        undone = cancel_renewal(actor=request.user, ask=ask)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        message = (
            _("The re-appointment of %(person)s is undone; the question is open again.")
            if undone.pk is not None
            else _("The re-appointment of %(person)s is undone.")  # nobody had been asked
        )
        messages.success(request, message % {"person": ask.membership.person.full_name})
    # The seat's page has the button too, and is returned to.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return _back(ask)


def _may_excuse(user, ask: SuccessionAsk, error: ValidationError) -> bool:
    """Whether ``error`` is a chair's term limit that ``user`` may record an exception to."""
    return (
        getattr(error, "code", None) == "chair_term_limit"
        and user.has_perm("steering.manage_register")
        and user.has_perm("steering.exceed_chair_term_limit", ask.membership)
    )


def _back(ask: SuccessionAsk) -> HttpResponse:
    if ask.appointment_request_id is not None:
        # Back to the region's request, where the answer and the button are shown too.
        request_ = ask.appointment_request
        return redirect("regions:request-detail", code=request_.region.code, pk=request_.pk)
    return redirect("steering:succession-list")


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def succession_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The member's answer: the page shows the question, and only its button (a POST)
    records the answer, so a mail scanner opening the link changes nothing. Works signed
    out; signed in, only as the member asked."""
    try:
        ask = willingness.ask_for_token(token)
    except willingness.InvalidLink as problem:
        status = 409 if problem.reason == "closed" else 400
        context = {"problem": LINK_PROBLEMS[problem.reason]}
        return render(request, "answer_refused.html", context, status=status)
    seat = ask.membership
    if request.user.is_authenticated and request.user.roles.person_id != seat.person_id:
        context = {"problem": _("This link was sent to someone else. Nothing was recorded.")}
        return render(request, "answer_refused.html", context, status=403)
    posted = request.POST if request.method == "POST" else None
    form = WillingnessForm(posted, initial={"willing": ask.willing, "comment": ask.comment})
    if request.method == "POST" and form.is_valid():
        actor = request.user if request.user.is_authenticated else None
        try:
            answered = willingness.answer_willingness(actor=actor, ask=ask, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            context = {"ask": answered, "seat": seat}
            return render(request, "steering/succession_answered.html", context)
    context = {"ask": ask, "seat": seat, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "steering/succession_answer.html", context, status=status)
