"""A member's own page (seats, obligations, support, meetings, the way to their letters),
their fellow members' page and their past meetings' page.

Everything here is scoped to the signed-in user's own Person (``user.roles.person_id``);
nothing takes an id from the address, so there is nothing to guess.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rkkp_portal.paging import paginate
from steering.models import Invitation, Meeting, Membership, Person
from steering.models.memberships import Role
from steering.selfservice import own_page
from steering.selfservice.forms import OwnDetailsForm
from steering.selfservice.services import set_listing_consent, update_own_details


def own_person_id(user) -> int:
    """The signed-in user's register entry; staff without one have no personal page."""
    person_id = user.roles.person_id
    if person_id is None:
        raise PermissionDenied
    return person_id


def own_person(user) -> Person:
    return Person.objects.select_related("region", "employer__parent").get(pk=own_person_id(user))


@require_GET
def me(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    person = own_page.person(own_person_id(request.user), today.year)
    seats, past_seats = own_page.seats(person)
    upcoming = own_page.invitations(person, timezone.now())
    context = {
        "person": person,
        "seats": seats,
        "past_seats": past_seats,
        "obligations": own_page.obligations(seats),
        "unanswered": [
            invitation
            for invitation in upcoming
            if invitation.response == Invitation.Response.NONE
            and invitation.meeting.status != Meeting.Status.CANCELLED
        ],
        "declaration_missing": bool(seats) and not person.declared,
        "year": today.year,
        "ending_seats": own_page.ending_soon(seats, today),
        "upcoming": upcoming,
        "fellow_count": sum(seat.fellow_count for seat in seats),
    }
    return render(request, "me/me.html", context)


@require_GET
def me_meetings(request: HttpRequest) -> HttpResponse:
    """The meetings I was invited to that are over, newest first, with my attendance."""
    past = own_page.past_invitations(own_person_id(request.user), timezone.now())
    page, query = paginate(request, past, per_page=own_page.PAST_MEETINGS_PAGE_SIZE)
    return render(request, "me/meetings.html", {"page_obj": page, "query_without_page": query})


@require_GET
def me_fellows(request: HttpRequest) -> HttpResponse:
    """The other members of my current groups, with their work contact details."""
    fellows = own_page.fellows(own_person_id(request.user))
    return render(request, "me/fellows.html", {"fellows": fellows})


def _is_patient_representative(person: Person) -> bool:
    return Membership.objects.current().filter(person=person, role=Role.PATIENT).exists()


@require_http_methods(["GET", "POST"])
def me_details(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    initial = {"title": person.title, "phone": person.phone, "language": person.language}
    form = OwnDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_own_details(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("me-details")
    context = {
        "person": person,
        "form": form,
        "asks_consent": _is_patient_representative(person),
        "two_step_login": is_mfa_enabled(request.user, [Authenticator.Type.TOTP]),
    }
    return render(request, "me/details_form.html", context)


@require_POST
def me_consent(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    if not _is_patient_representative(person):
        raise PermissionDenied
    consent = request.POST.get("consent") == "yes"
    set_listing_consent(actor=request.user, person=person, consent=consent)
    if consent:
        messages.success(request, _("Thank you. You may now be listed publicly."))
    else:
        messages.success(
            request, _("Your consent is withdrawn; you are no longer listed publicly.")
        )
    return redirect("me-details")
