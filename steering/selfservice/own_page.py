"""What a member's own page (/me/) reads: model instances, all scoped to one Person.

The caller finds the Person from the signed-in user; nothing here takes an id from the
address. Each function is one query (two for the seats with their buy-outs, two for the
invitations), however many seats, meetings or letters the person has.
"""

import datetime

from django.db.models import Exists, OuterRef, Prefetch

from regions.models import BuyOutAgreement, SupportContact
from steering.compliance import registry
from steering.letters.welcome import EXPECTATIONS_BY_ROLE
from steering.models import Declaration, Invitation, Membership, Message, Person, StandardText
from steering.models.memberships import Role

PAST_MEETINGS_SHOWN = 10
LETTERS_SHOWN = 20


def person(person_id: int, year: int) -> Person:
    """The person with their region and its welcome-letter supplement; ``declared`` says
    whether ``year``'s declaration of interests is submitted."""
    submitted = Declaration.objects.filter(
        person=OuterRef("pk"), year=year, submitted_at__isnull=False
    )
    return (
        Person.objects.select_related("region__letter_supplement")
        .annotate(declared=Exists(submitted))
        .get(pk=person_id)
    )


def seats(person: Person) -> tuple[list[Membership], list[Membership]]:
    """My current seats (proposed or active) and my past ones, by database name and newest
    term first, with the employer's backing and the buy-out agreements, newest first."""
    buyouts = BuyOutAgreement.objects.order_by("-starts_on", "-pk")
    rows = list(
        Membership.objects.filter(person=person)
        .select_related(
            "group__database__contact_person", "representing_region", "employer_backing"
        )
        .prefetch_related(Prefetch("buyout_agreements", queryset=buyouts))
        .order_by("group__database__name", "-term_start", "pk")
    )
    current = [seat for seat in rows if seat.status != Membership.Status.ENDED]
    past = [seat for seat in rows if seat.status == Membership.Status.ENDED]
    return current, past


def ending_soon(seats: list[Membership], today: datetime.date) -> list[Membership]:
    """Seats in office whose planned term ends soon (the compliance registry's window)."""
    return [
        seat
        for seat in seats
        if seat.status == Membership.Status.ACTIVE
        and seat.has_started(today)
        and registry.ends_soon(seat.term_end, today)
    ]


def fellows(person: Person, current: list[Membership]) -> list[Membership]:
    """Active seats in my current groups held by others: the roster.

    Also sets ``co_chairs`` on each of ``current``: the chairs among them, so the seats
    table needs no query of its own.
    """
    if not current:
        return []
    found = list(
        Membership.objects.active()
        .filter(group__in={seat.group_id for seat in current})
        .exclude(person=person)
        .select_related("group__database", "person__employer__parent")
        .order_by("group__database__name", "person__last_name", "person__first_name", "pk")
    )
    for seat in current:
        seat.co_chairs = [
            fellow.person
            for fellow in found
            if fellow.group_id == seat.group_id and fellow.role == Role.CHAIR
        ]
    return found


def invitations(person: Person, now: datetime.datetime) -> tuple[list, list]:
    """My invitations to meetings not yet over, soonest first, and to the latest past
    ones, newest first."""
    mine = Invitation.objects.filter(person=person).select_related("meeting__group__database")
    upcoming = mine.filter(meeting__ends_at__gte=now).order_by("meeting__starts_at", "pk")
    past = mine.filter(meeting__ends_at__lt=now).order_by("-meeting__starts_at", "-pk")
    return list(upcoming), list(past[:PAST_MEETINGS_SHOWN])


def support_contacts(person: Person) -> list[SupportContact]:
    if person.region_id is None:
        return []
    return list(SupportContact.objects.filter(region_id=person.region_id).order_by("kind", "name"))


def obligations(seats: list[Membership]) -> list[StandardText]:
    """The texts for my current roles, as the welcome letter gives them (roles it has no
    text for get the common member text), each once, in the order of my seats."""
    keys: list[str] = []
    for seat in seats:
        for key in EXPECTATIONS_BY_ROLE.get(seat.role, [StandardText.Key.MEMBER_EXPECTATIONS]):
            if key not in keys:
                keys.append(key)
    if not keys:
        return []
    texts = {text.key: text for text in StandardText.objects.filter(key__in=keys)}
    return [texts[key] for key in keys if key in texts]


def letters(person: Person) -> list[Message]:
    """My newest letters: subject, date and status (not their bodies)."""
    return list(
        Message.objects.filter(recipient_person=person)
        .only("subject", "created_at", "status")
        .order_by("-created_at", "-pk")[:LETTERS_SHOWN]
    )
