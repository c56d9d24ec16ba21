"""What a member's own page (/me/), their fellow members' page (/me/fellows/) and their
past meetings' page (/me/meetings/) read: model instances, all scoped to one Person.

The caller finds the Person from the signed-in user; nothing here takes an id from the
address. Each function is one query (the seats two, with their fellow members, and a
third for a chair's buy-outs), however many seats, meetings or letters the person has.
"""

import datetime

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from regions.models import BuyOutAgreement
from steering.compliance import registry
from steering.letters.welcome import EXPECTATIONS_BY_ROLE
from steering.models import (
    Declaration,
    Invitation,
    Membership,
    Person,
    StandardText,
    SuccessionAsk,
)
from steering.models.memberships import Role

# The past meetings' page: a line a meeting.
PAST_MEETINGS_PAGE_SIZE = 25


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
    term first.

    Each current seat has ``fellow_count`` (the others' active seats in its group) and
    ``co_chairs`` (the chairs among them), read in one more query; a chair's seats also
    have their buy-out agreements, newest first (one more query, for chairs only).
    ``renewed_from`` is the start of a re-appointment decided ahead, not yet carried out.
    """
    # One ask per seat (a constraint), so no ordering: the asks' default one joined the
    # seat again for its term's end, which PostgreSQL planned for every page view.
    renewal = SuccessionAsk.objects.pending_renewals().filter(membership=OuterRef("pk")).order_by()
    rows = list(
        Membership.objects.filter(person=person)
        .select_related(
            "group__database__contact_person", "representing_region", "employer_backing"
        )
        .only(
            "person_id",
            "group__database__name",
            "group__database__slug",
            "group__database__contact_person__first_name",
            "group__database__contact_person__last_name",
            "group__database__contact_person__email",
            "representing_region__name_da",
            "representing_region__name_en",
            "employer_backing__confirmed_on",
            "employer_backing__confirmed_by",
            "role",
            "status",
            "term_start",
            "term_end",
            "term_number",
            "ended_on",
        )
        .annotate(renewed_from=Subquery(renewal.values("renewal_starts")[:1]))
        .order_by("group__database__name", "-term_start", "pk")
    )
    current = [seat for seat in rows if seat.status != Membership.Status.ENDED]
    past = [seat for seat in rows if seat.status == Membership.Status.ENDED]
    fellows = (
        list(
            Membership.objects.active()
            .filter(group__in={seat.group_id for seat in current})
            .exclude(person=person)
            .select_related("person")
            .only("group_id", "role", "person__first_name", "person__last_name")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        if current
        else []
    )
    for seat in current:
        in_group = [fellow for fellow in fellows if fellow.group_id == seat.group_id]
        seat.fellow_count = len(in_group)
        seat.co_chairs = [fellow.person for fellow in in_group if fellow.role == Role.CHAIR]
    buyouts = BuyOutAgreement.objects.order_by("-starts_on", "-pk")
    chaired = [seat for seat in current if seat.role == Role.CHAIR]
    prefetch_related_objects(chaired, Prefetch("buyout_agreements", queryset=buyouts))
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


def fellows(person_id: int) -> list[Membership]:
    """Active seats held by others in the groups where I have a current seat: the roster."""
    return list(
        Membership.objects.active()
        .filter(group__in=Membership.objects.filter(person_id=person_id).current().values("group"))
        .exclude(person_id=person_id)
        .select_related("group__database", "person__employer__parent")
        .order_by("group__database__name", "person__last_name", "person__first_name", "pk")
    )


def _with_meeting(invitations: QuerySet) -> QuerySet:
    """What a line about one of my meetings shows: the meeting, its group's database, my
    answer and my attendance."""
    return invitations.select_related("meeting__group__database").only(
        "response",
        "attendance",
        "meeting__title",
        "meeting__kind",
        "meeting__status",
        "meeting__starts_at",
        "meeting__ends_at",
        "meeting__group__database__name",
    )


def invitations(person: Person, now: datetime.datetime) -> list[Invitation]:
    """My invitations to meetings not yet over, soonest first: one query. The past ones
    are their own page's (``past_invitations``)."""
    upcoming = Invitation.objects.filter(person=person, meeting__ends_at__gte=now)
    return list(_with_meeting(upcoming).order_by("meeting__starts_at", "pk"))


def past_invitations(person_id: int, now: datetime.datetime) -> QuerySet:
    """My invitations to meetings that are over, newest first, with my attendance."""
    past = Invitation.objects.filter(person_id=person_id, meeting__ends_at__lt=now)
    return _with_meeting(past).order_by("-meeting__starts_at", "-pk")


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
