"""A member's own page: seats, obligations, support, meetings, letters and fellow members.

Everything here is scoped to the signed-in user's own Person (``user.roles.person_id``);
nothing takes an id from the address, so there is nothing to guess.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.models import BuyOutAgreement, SupportContact
from steering.forms.self_service import OwnDetailsForm
from steering.letters import EXPECTATIONS_BY_ROLE
from steering.models import (
    Declaration,
    Invitation,
    Meeting,
    Membership,
    Message,
    Person,
    StandardText,
)
from steering.models.memberships import Role
from steering.services import set_listing_consent, update_own_details

# A term ending this soon is something the member should act on (reappointment, successor).
TERM_ENDING_SOON_DAYS = 90
PAST_MEETINGS_SHOWN = 10
LETTERS_SHOWN = 20

# The welcome letter's mapping of roles to texts, so the page and the letter agree; roles the
# letter has no text for (society, municipal, observer) get the common member text.
TEXTS_FOR_ROLE = EXPECTATIONS_BY_ROLE


@dataclass
class Seat:
    membership: Membership
    co_chairs: list[Person] = field(default_factory=list)
    holdover: bool = False
    ending_soon: bool = False
    buyouts: list = field(default_factory=list)
    backing: object | None = None


def own_person(user) -> Person:
    """The signed-in user's register entry; staff without one have no personal page."""
    person_id = user.roles.person_id
    if person_id is None:
        raise PermissionDenied
    return Person.objects.select_related("region", "employer").get(pk=person_id)


def _own_person_for_page(user, year: int) -> Person:
    """``own_person`` with what the page shows about it in the same query: the workplace
    as named (with the organisation it is part of), the region's letter supplement and
    whether this year's declaration is submitted (``declared``)."""
    person_id = user.roles.person_id
    if person_id is None:
        raise PermissionDenied
    declared = Declaration.objects.filter(
        person=OuterRef("pk"), year=year, submitted_at__isnull=False
    )
    return (
        Person.objects.select_related("region__letter_supplement", "employer__parent")
        .annotate(declared=Exists(declared))
        .get(pk=person_id)
    )


def _seats(person: Person, today: datetime.date) -> tuple[list[Seat], list[Membership]]:
    memberships = (
        Membership.objects.filter(person=person)
        .select_related(
            "group__database__contact_person", "representing_region", "employer_backing"
        )
        .order_by("group__database__name", "-term_start")
    )
    current, past = [], []
    for membership in memberships:
        membership.person = person
        if membership.status == Membership.Status.ENDED:
            past.append(membership)
            continue
        ending_soon = (
            membership.status == Membership.Status.ACTIVE
            and membership.term_end is not None
            and today <= membership.term_end <= today + datetime.timedelta(TERM_ENDING_SOON_DAYS)
        )
        current.append(
            Seat(
                membership=membership,
                holdover=membership.is_holdover(today),
                ending_soon=ending_soon,
                backing=getattr(membership, "employer_backing", None),
            )
        )
    return current, past


def _fellow_members(person: Person, seats: list[Seat]) -> list[Membership]:
    """Active seats in my groups held by others: the roster, and the co-chairs among them."""
    group_ids = {seat.membership.group_id for seat in seats}
    fellows = list(
        Membership.objects.active()
        .filter(group_id__in=group_ids)
        .exclude(person=person)
        .select_related("person__employer__parent", "group__database")
        .order_by("group__database__name", "person__last_name", "person__first_name")
    )
    for seat in seats:
        seat.co_chairs = [
            fellow.person
            for fellow in fellows
            if fellow.group_id == seat.membership.group_id and fellow.role == Role.CHAIR
        ]
    return fellows


def _attach_buyouts(seats: list[Seat]) -> None:
    if not seats:
        return
    by_seat = {seat.membership.pk: seat for seat in seats}
    for buyout in BuyOutAgreement.objects.filter(membership__in=list(by_seat)):
        by_seat[buyout.membership_id].buyouts.append(buyout)


def _obligations(seats: list[Seat]) -> list[StandardText]:
    keys: list[str] = []
    for seat in seats:
        for key in TEXTS_FOR_ROLE.get(seat.membership.role, [StandardText.Key.MEMBER_EXPECTATIONS]):
            if key not in keys:
                keys.append(key)
    if not keys:
        return []
    texts = {text.key: text for text in StandardText.objects.filter(key__in=keys)}
    return [texts[key] for key in keys if key in texts]


def _meetings(person: Person, now: datetime.datetime) -> tuple[list, list]:
    """My invitations to meetings not yet over, soonest first, and to the latest past
    ones, newest first: both halves in one query (UNION ALL)."""
    invitations = Invitation.objects.filter(person=person).select_related(
        "meeting__group__database"
    )
    upcoming = invitations.filter(meeting__ends_at__gte=now).order_by("meeting__starts_at")
    past = invitations.filter(meeting__ends_at__lt=now).order_by("-meeting__starts_at")
    rows = list(upcoming.union(past[:PAST_MEETINGS_SHOWN], all=True))
    # A union keeps no order of its own; sort each half as its query did.
    rows.sort(key=lambda invitation: invitation.meeting.starts_at)
    return (
        [i for i in rows if i.meeting.ends_at >= now],
        [i for i in reversed(rows) if i.meeting.ends_at < now],
    )


def _with_labels(rows: list, **choices_by_field) -> None:
    """Set ``<field>_label`` on every row from the field's choices, found once for the page
    (``get_<field>_display`` builds its lookup again for every call)."""
    for name, choices in choices_by_field.items():
        labels = dict(choices)
        for row in rows:
            value = getattr(row, name)
            setattr(row, f"{name}_label", labels.get(value, value))


@require_GET
def me(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate()
    person = _own_person_for_page(request.user, today.year)
    seats, past_seats = _seats(person, today)
    _attach_buyouts(seats)
    fellows = _fellow_members(person, seats) if seats else []
    upcoming, past_meetings = _meetings(person, now)
    region = person.region
    support_contacts = (
        list(SupportContact.objects.filter(region=region).order_by("kind", "name"))
        if region
        else []
    )
    letters = list(Message.objects.to_person(person).order_by("-created_at", "-pk")[:LETTERS_SHOWN])
    _with_labels([seat.membership for seat in seats] + past_seats + fellows, role=Role.choices)
    _with_labels(
        upcoming + past_meetings,
        response=Invitation.Response.choices,
        attendance=Invitation.Attendance.choices,
    )
    _with_labels([i.meeting for i in upcoming + past_meetings], kind=Meeting.Kind.choices)
    _with_labels(letters, status=Message.Status.choices)
    context = {
        "person": person,
        "seats": seats,
        "past_seats": past_seats,
        "chair_seats": [seat for seat in seats if seat.membership.role == Role.CHAIR],
        "obligations": _obligations(seats),
        "unanswered": [
            invitation
            for invitation in upcoming
            if invitation.response == Invitation.Response.NONE
            and invitation.meeting.status != Meeting.Status.CANCELLED
        ],
        "declaration_missing": bool(seats) and not person.declared,
        "year": today.year,
        "ending_seats": [seat for seat in seats if seat.ending_soon],
        "term_ending_days": TERM_ENDING_SOON_DAYS,
        "upcoming": upcoming,
        "past_meetings": past_meetings,
        "support_contacts": support_contacts,
        "supplement": getattr(region, "letter_supplement", None),
        "letters": letters,
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
