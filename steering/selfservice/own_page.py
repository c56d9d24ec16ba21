"""What a member's own page (/me/) shows, read as plain rows.

Every list here is read-only display: rows are read with ``values_list`` (only the columns
shown, no model instances, no wide ``select_related``), choice labels and addresses are
found once per page, and the template reads plain attributes. Everything is scoped to one
Person id, which the caller takes from the signed-in user; nothing comes from the address.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef

from regions.models import BuyOutAgreement
from rkkp_portal.addresses import address_for
from rkkp_portal.labels import bilingual, workplace_label
from steering.models import Declaration, Invitation, Meeting, Membership, Message, Person
from steering.models.memberships import Role, is_holdover
from steering.models.people import full_name

PAST_MEETINGS_SHOWN = 10
LETTERS_SHOWN = 20


@dataclass(frozen=True)
class Me:
    pk: int
    full_name: str
    region_id: int | None
    region_name: str
    supplement: str  # the region's own text for its members ("" when it has none)
    declared: bool  # this year's declaration of interests is submitted


@dataclass(frozen=True)
class BuyOut:
    status_label: str
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass
class Seat:
    """One of my seats, current or past, with what the page says about it."""

    membership_id: int
    group_id: int
    database_name: str
    database_url: str
    role: str
    role_label: str
    status: str
    region_name: str
    term_start: datetime.date
    term_end: datetime.date | None
    term_number: int
    ended_on: datetime.date | None
    contact_name: str  # the database's RKKP contact person ("" when none)
    contact_email: str
    backing_confirmed_on: datetime.date | None  # the employer's backing, when recorded
    backing_confirmed_by: str
    holdover: bool = False
    ending_soon: bool = False
    co_chairs: list[str] = field(default_factory=list)
    buyouts: list[BuyOut] = field(default_factory=list)


@dataclass(frozen=True)
class Fellow:
    """An active seat in one of my groups held by someone else."""

    group_id: int
    database_name: str
    role: str
    role_label: str
    full_name: str
    workplace: str
    email: str
    phone: str


@dataclass(frozen=True)
class MyInvitation:
    meeting_id: int
    meeting_url: str
    meeting_name: str  # as Meeting.__str__: the title, or the kind and the database
    title: str  # the title, or the kind
    database_name: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cancelled: bool
    response: str
    response_label: str
    attendance_label: str


@dataclass(frozen=True)
class Letter:
    pk: int
    url: str
    subject: str
    created_at: datetime.datetime
    status_label: str


def me(person_id: int, year: int) -> Me:
    """The person with their region, its letter supplement and whether ``year``'s
    declaration is submitted, in one query."""
    declared = Declaration.objects.filter(
        person=OuterRef("pk"), year=year, submitted_at__isnull=False
    )
    first, last, region_id, region_da, region_en, supplement, is_declared = (
        Person.objects.filter(pk=person_id)
        .annotate(declared=Exists(declared))
        .values_list(
            "first_name",
            "last_name",
            "region_id",
            "region__name_da",
            "region__name_en",
            "region__letter_supplement__body",
            "declared",
        )
        .get()
    )
    return Me(
        pk=person_id,
        full_name=full_name(first, last),
        region_id=region_id,
        region_name=bilingual(region_da, region_en),
        supplement=supplement or "",
        declared=is_declared,
    )


def seats(person_id: int, today: datetime.date) -> tuple[list[Seat], list[Seat]]:
    """My current seats (proposed or active) and my past ones, by database name and newest
    term first; each seat's buy-out agreements come in the same query, a row per agreement
    (most seats have none or one), newest first."""
    rows = (
        Membership.objects.filter(person_id=person_id)
        .order_by("group__database__name", "-term_start", "pk", "-buyout_agreements__starts_on")
        .values_list(
            "pk",
            "group_id",
            "group__database__name",
            "group__database__slug",
            "role",
            "status",
            "representing_region__name_da",
            "representing_region__name_en",
            "term_start",
            "term_end",
            "term_number",
            "ended_on",
            "group__database__contact_person__first_name",
            "group__database__contact_person__last_name",
            "group__database__contact_person__email",
            "employer_backing__confirmed_on",
            "employer_backing__confirmed_by",
            "buyout_agreements__status",
            "buyout_agreements__starts_on",
            "buyout_agreements__ends_on",
        )
    )
    database_url = address_for("steering:database-detail", key="slug")
    roles = dict(Role.choices)
    buyout_statuses = dict(BuyOutAgreement.Status.choices)
    soon = today + datetime.timedelta(days=settings.TERM_ENDING_SOON_DAYS)
    by_pk: dict[int, Seat] = {}
    for (
        pk,
        group_id,
        database,
        slug,
        role,
        status,
        region_da,
        region_en,
        start,
        end,
        number,
        ended_on,
        contact_first,
        contact_last,
        contact_email,
        backing_on,
        backing_by,
        buyout_status,
        buyout_start,
        buyout_end,
    ) in rows:
        seat = by_pk.get(pk)
        if seat is None:
            active = status == Membership.Status.ACTIVE
            contact = full_name(contact_first or "", contact_last or "") or contact_email or ""
            seat = by_pk[pk] = Seat(
                membership_id=pk,
                group_id=group_id,
                database_name=database,
                database_url=database_url(slug),
                role=role,
                role_label=roles.get(role, role),
                status=status,
                region_name=bilingual(region_da, region_en),
                term_start=start,
                term_end=end,
                term_number=number,
                ended_on=ended_on,
                contact_name=contact,
                contact_email=contact_email or "",
                backing_confirmed_on=backing_on,
                backing_confirmed_by=backing_by or "",
                holdover=is_holdover(status, end, today),
                ending_soon=active and end is not None and today <= end <= soon,
            )
        if buyout_status is not None:
            seat.buyouts.append(
                BuyOut(buyout_statuses.get(buyout_status, buyout_status), buyout_start, buyout_end)
            )
    current = [s for s in by_pk.values() if s.status != Membership.Status.ENDED]
    past = [s for s in by_pk.values() if s.status == Membership.Status.ENDED]
    return current, past


def fellows(person_id: int, current: list[Seat]) -> list[Fellow]:
    """Active seats in my groups held by others: the roster; sets each seat's co-chairs."""
    if not current:
        return []
    rows = (
        Membership.objects.active()
        .filter(group_id__in={seat.group_id for seat in current})
        .exclude(person_id=person_id)
        .order_by("group__database__name", "person__last_name", "person__first_name")
        .values_list(
            "group_id",
            "group__database__name",
            "role",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__phone",
            "person__employer__name",
            "person__employer__parent__name",
            "person__employer__parent__short_name",
        )
    )
    roles = dict(Role.choices)
    found = []
    for group_id, database, role, first, last, email, phone, employer, parent, short in rows:
        found.append(
            Fellow(
                group_id=group_id,
                database_name=database,
                role=role,
                role_label=roles.get(role, role),
                full_name=full_name(first, last),
                workplace=workplace_label(employer, parent, short),
                email=email,
                phone=phone,
            )
        )
    for seat in current:
        seat.co_chairs = [
            fellow.full_name
            for fellow in found
            if fellow.group_id == seat.group_id and fellow.role == Role.CHAIR
        ]
    return found


def invitations(person_id: int, now: datetime.datetime) -> tuple[list, list]:
    """My invitations to meetings not yet over, soonest first, and to the latest past
    ones, newest first: both halves in one query (UNION ALL)."""
    columns = (
        "meeting_id",
        "meeting__title",
        "meeting__kind",
        "meeting__group__database__name",
        "meeting__starts_at",
        "meeting__ends_at",
        "meeting__status",
        "response",
        "attendance",
    )
    mine = Invitation.objects.filter(person_id=person_id)
    upcoming = mine.filter(meeting__ends_at__gte=now).order_by("meeting__starts_at")
    past = mine.filter(meeting__ends_at__lt=now).order_by("-meeting__starts_at")
    rows = list(
        upcoming.values_list(*columns).union(
            past.values_list(*columns)[:PAST_MEETINGS_SHOWN], all=True
        )
    )
    # A union keeps no order of its own; sort each half as its query did.
    rows.sort(key=lambda row: row[4])
    meeting_url = address_for("steering:meeting-detail")
    kinds = dict(Meeting.Kind.choices)
    responses = dict(Invitation.Response.choices)
    attendances = dict(Invitation.Attendance.choices)
    found = []
    for pk, title, kind, database, starts_at, ends_at, status, response, attendance in rows:
        kind_label = kinds.get(kind, kind)
        found.append(
            MyInvitation(
                meeting_id=pk,
                meeting_url=meeting_url(pk),
                meeting_name=title or f"{kind_label} – {database}",
                title=title or kind_label,
                database_name=database,
                starts_at=starts_at,
                ends_at=ends_at,
                cancelled=status == Meeting.Status.CANCELLED,
                response=response,
                response_label=responses.get(response, response),
                attendance_label=attendances.get(attendance, attendance),
            )
        )
    return (
        [i for i in found if i.ends_at >= now],
        [i for i in reversed(found) if i.ends_at < now],
    )


def letters(person_id: int) -> list[Letter]:
    """My newest letters: subject, date and status (not their bodies)."""
    rows = (
        Message.objects.filter(recipient_person_id=person_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", "subject", "created_at", "status")[:LETTERS_SHOWN]
    )
    url = address_for("steering:message-detail")
    statuses = dict(Message.Status.choices)
    return [
        Letter(pk, url(pk), subject, created_at, statuses.get(status, status))
        for pk, subject, created_at, status in rows
    ]
