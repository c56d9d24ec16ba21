"""The meeting page, answers (on the page and by a letter's signed link), papers and the
meeting's .ics."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rkkp_portal.forms import add_service_errors
from rkkp_portal.uploads import upload_limit
from steering.meetings import calendar, rsvp
from steering.meetings.access import get_meeting_for, get_paper_for
from steering.meetings.forms import PaperForm, ResponseForm
from steering.meetings.services import (
    PAPER_MAX_BYTES,
    add_meeting_paper,
    check_answerable,
    respond_to_invitation,
)
from steering.models import Invitation, Meeting


def _page(
    request: HttpRequest, meeting: Meeting, *, response_form=None, paper_form=None, status=200
):
    invitations = list(
        meeting.invitations.select_related("person").order_by(
            "person__last_name", "person__first_name"
        )
    )
    person_id = request.user.roles.person_id
    mine = next((i for i in invitations if i.person_id == person_id), None)
    can_answer = (
        mine is not None and meeting.status == Meeting.Status.PLANNED and not meeting.has_started()
    )
    if can_answer and response_form is None:
        initial = {"response": mine.response} if mine.response != Invitation.Response.NONE else {}
        response_form = ResponseForm(initial=initial)
    can_manage = request.user.has_perm("steering.manage_group", meeting.group)
    counts = {value: 0 for value, _label in Invitation.Response.choices}
    for invitation in invitations:
        counts[invitation.response] += 1
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "database": meeting.group.database,
            "papers": list(meeting.papers.all()),
            "invitations": invitations,
            "response_counts": [
                (label, counts[value]) for value, label in Invitation.Response.choices
            ],
            "my_invitation": mine,
            "response_form": response_form if can_answer else None,
            "can_manage": can_manage,
            "paper_form": (paper_form or PaperForm()) if can_manage else None,
        },
        status=status,
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_meeting_for(request.user, pk))


@require_POST
def meeting_respond(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk)
    invitation = meeting.invitations.filter(person_id=request.user.roles.person_id).first()
    if invitation is None:
        raise PermissionDenied
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            respond_to_invitation(
                actor=request.user, invitation=invitation, response=form.cleaned_data["response"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answer has been saved."))
            return redirect(meeting)
    return _page(request, meeting, response_form=form, status=400)


@require_POST
@upload_limit(PAPER_MAX_BYTES)
def paper_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk, "steering.manage_group")
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_meeting_paper(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper has been added."))
            return redirect(meeting)
    return _page(request, meeting, paper_form=form, status=400)


@require_GET
def paper_download(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    # Papers are never under a public URL: every download passes this permission check.
    paper = get_paper_for(request.user, pk, paper_pk)
    filename = PurePath(paper.file.name).name
    response = FileResponse(paper.file.open("rb"), as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk)
    response = HttpResponse(
        calendar.meeting_ics(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


RSVP_PROBLEMS = {
    "expired": gettext_lazy(
        "This answer link has expired. Log in to the portal to answer on the meeting's page."
    ),
    "invalid": gettext_lazy(
        "This answer link is not valid. It may have been changed or cut off; use the link "
        "from the e-mail, or log in to answer on the meeting's page."
    ),
    "withdrawn": gettext_lazy(
        "This invitation has been withdrawn, for example because the seat in the steering "
        "group has ended. Nothing was recorded."
    ),
}


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_answer(request: HttpRequest, token: str) -> HttpResponse:
    """An answer link from a letter: the page shows the answer chosen in the letter, and
    only its button (a POST) records it, so a mail scanner opening every link changes
    nothing. Works signed out; signed in, only as the invited person."""
    try:
        answer = rsvp.read_token(token)
        invitation = rsvp.invitation_for(answer)
    except rsvp.InvalidLink as problem:
        status = 410 if problem.reason == "withdrawn" else 400
        return _rsvp_refused(request, RSVP_PROBLEMS[problem.reason], status=status)
    if request.user.is_authenticated and request.user.roles.person_id != invitation.person_id:
        # Nobody answers for the invitee: not staff, not another member signed in.
        return render(
            request, "meetings/rsvp_not_yours.html", {"invitation": invitation}, status=403
        )
    try:
        check_answerable(invitation)
    except ValidationError as error:
        return _rsvp_refused(request, " ".join(error.messages), status=409)
    meeting = invitation.meeting
    posted = request.POST if request.method == "POST" else None
    form = ResponseForm(posted, initial={"response": answer.response})
    if request.method == "POST" and form.is_valid():
        actor = request.user if request.user.is_authenticated else None
        try:
            answered = respond_to_invitation(
                actor=actor, invitation=invitation, response=form.cleaned_data["response"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            answered.person = invitation.person
            # Shown, not redirected to: signed out there is no page of one's own to go to,
            # and sending the same answer again changes nothing. No new links here: an
            # answer link never outlives the letter it came in.
            context = {"invitation": answered, "meeting": meeting}
            return render(request, "meetings/rsvp_result.html", context)
    context = {"invitation": invitation, "meeting": meeting, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/rsvp_answer.html", context, status=status)


def _rsvp_refused(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return render(request, "answer_refused.html", {"problem": problem}, status=status)
