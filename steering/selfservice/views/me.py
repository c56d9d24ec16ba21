"""A member's own page: seats, obligations, support, meetings, letters and fellow members.

Everything here is scoped to the signed-in user's own Person (``user.roles.person_id``);
nothing takes an id from the address, so there is nothing to guess.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.models import SupportContact
from steering.letters.welcome import EXPECTATIONS_BY_ROLE
from steering.models import Invitation, Membership, Person, StandardText
from steering.models.memberships import Role
from steering.selfservice import own_page
from steering.selfservice.forms import OwnDetailsForm
from steering.selfservice.services import set_listing_consent, update_own_details

# The welcome letter's mapping of roles to texts, so the page and the letter agree; roles the
# letter has no text for (society, municipal, observer) get the common member text.
TEXTS_FOR_ROLE = EXPECTATIONS_BY_ROLE


def own_person(user) -> Person:
    """The signed-in user's register entry; staff without one have no personal page."""
    person_id = user.roles.person_id
    if person_id is None:
        raise PermissionDenied
    return Person.objects.select_related("region", "employer").get(pk=person_id)


def _obligations(seats: list[own_page.Seat]) -> list[StandardText]:
    keys: list[str] = []
    for seat in seats:
        for key in TEXTS_FOR_ROLE.get(seat.role, [StandardText.Key.MEMBER_EXPECTATIONS]):
            if key not in keys:
                keys.append(key)
    if not keys:
        return []
    texts = {text.key: text for text in StandardText.objects.filter(key__in=keys)}
    return [texts[key] for key in keys if key in texts]


@require_GET
def me(request: HttpRequest) -> HttpResponse:
    person_id = request.user.roles.person_id
    if person_id is None:
        raise PermissionDenied

    now = timezone.now()
    today = timezone.localdate()
    person = own_page.me(person_id, today.year)
    seats, past_seats = own_page.seats(person_id, today)
    fellows = own_page.fellows(person_id, seats)
    upcoming, past_meetings = own_page.invitations(person_id, now)
    support_contacts = (
        list(SupportContact.objects.filter(region_id=person.region_id).order_by("kind", "name"))
        if person.region_id
        else []
    )
    context = {
        "person": person,
        "seats": seats,
        "past_seats": past_seats,
        "obligations": _obligations(seats),
        "unanswered": [
            invitation
            for invitation in upcoming
            if invitation.response == Invitation.Response.NONE and not invitation.cancelled
        ],
        "declaration_missing": bool(seats) and not person.declared,
        "year": today.year,
        "ending_seats": [seat for seat in seats if seat.ending_soon],
        "term_ending_days": settings.TERM_ENDING_SOON_DAYS,
        "upcoming": upcoming,
        "past_meetings": past_meetings,
        "support_contacts": support_contacts,
        "letters": own_page.letters(person_id),
        "fellows": fellows,
    }

    return render(request, "me/me.html", context)


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
