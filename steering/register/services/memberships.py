"""People and seats: register a person, appoint to a seat, end a seat."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rkkp_portal.services import has_changes, require, save
from steering.compliance.chair_terms import chair_term_of
from steering.models import Membership, Person, SteeringGroup
from steering.models.memberships import AppointingBody, Role

TERM_YEARS = 4

DEFAULT_APPOINTING_BODY = {
    Role.CHAIR: AppointingBody.RKKP,
    Role.MEMBER: AppointingBody.REGION,
    Role.SOCIETY: AppointingBody.SOCIETY,
    Role.PATIENT: AppointingBody.PATIENT_ORGANISATION,
    Role.LEADERSHIP: AppointingBody.CIRCLE,
    Role.MUNICIPAL: AppointingBody.MUNICIPALITIES,
    Role.OBSERVER: AppointingBody.RKKP,
}


def default_term_end(term_start: datetime.date) -> datetime.date:
    """A four-year term: the day before the same date four years later."""
    try:
        anniversary = term_start.replace(year=term_start.year + TERM_YEARS)
    except ValueError:  # 29 February
        anniversary = term_start.replace(year=term_start.year + TERM_YEARS, day=28)
    return anniversary - datetime.timedelta(days=1)


@transaction.atomic
def register_person(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str = "",
    title: str = "",
    profession: str = "",
    leadership_level: str = "",
    employer=None,
    phone: str = "",
    language: str = "da",
    listing_consent_at: datetime.datetime | None = None,
) -> Person:
    """Add a person to the register; their region follows their employer."""
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        title=title.strip(),
        profession=profession,
        leadership_level=leadership_level or Person._meta.get_field("leadership_level").default,
        employer=employer,
        region=employer.region if employer is not None else None,
        phone=phone.strip(),
        language=language,
        listing_consent_at=listing_consent_at,
    )
    require(actor, "steering.register_person", person)
    person.full_clean()
    save(person, actor=actor)
    return person


@transaction.atomic
def appoint_member(
    *,
    actor,
    person: Person,
    group: SteeringGroup,
    role: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    representing_region=None,
    appointing_body: str = "",
    appointing_organisation=None,
    term_number: int = 1,
    predecessor: Membership | None = None,
    status: str = Membership.Status.ACTIVE,
    notify: bool = True,
    term_limit_exception: str = "",
) -> Membership:
    """Give a person a seat in a steering group.

    Regional administrators may only appoint seats that represent their own region.
    An active seat gives the person a login and queues their welcome letter (``notify``);
    imports of history and demo data pass ``notify=False``.
    """
    if status == Membership.Status.ENDED:
        raise ValidationError(_("A new seat cannot start out ended."))
    membership = Membership(
        person=person,
        group=group,
        role=role,
        representing_region=representing_region,
        appointing_body=appointing_body or DEFAULT_APPOINTING_BODY.get(role, AppointingBody.RKKP),
        appointing_organisation=appointing_organisation,
        term_start=term_start,
        term_end=term_end if term_end is not None else default_term_end(term_start),
        term_number=term_number,
        predecessor=predecessor,
        status=status,
        term_limit_exception=term_limit_exception.strip(),
    )
    require(actor, "steering.appoint_member", membership)
    if membership.term_limit_exception:
        require(actor, "steering.exceed_chair_term_limit", membership)
    membership.full_clean()
    save(membership, actor=actor)
    if notify and membership.status == Membership.Status.ACTIVE:
        welcome(membership, actor=actor)
    return membership


def welcome(membership: Membership, *, actor=None) -> None:
    """A login for the new member and their welcome letter, in the caller's transaction.

    ``actor`` (who appointed them) is recorded on the person's history when a login is linked.
    """
    from rkkp_portal.accounts.services import ensure_login
    from steering.letters.welcome import queue_welcome_letter
    from steering.meetings.services import invite_to_future_meetings

    ensure_login(person=membership.person, actor=actor)
    queue_welcome_letter(membership)
    # A member appointed after a meeting was planned is invited to it too (#6).
    invite_to_future_meetings(membership)


@transaction.atomic
def end_membership(
    *,
    actor,
    membership: Membership,
    ended_on: datetime.date | None = None,
    reason: str,
) -> Membership:
    """End a seat with a date and a reason; the row stays as the record.

    What the seat gave ends with it: its invitations to meetings not yet held are withdrawn
    (those who had said yes are told), unless the person holds another seat in the group.
    """
    from steering.meetings.services import withdraw_invitations_of_ended_seat

    ended = _end_seat(actor=actor, membership=membership, ended_on=ended_on, reason=reason)
    withdraw_invitations_of_ended_seat(actor=actor, membership=ended)
    return ended


def _end_seat(
    *,
    actor,
    membership: Membership,
    ended_on: datetime.date | None,
    reason: str,
    perm: str = "steering.end_membership",
) -> Membership:
    require(actor, perm, membership)
    # Lock the row so two people ending the same seat cannot both succeed.
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status == Membership.Status.ENDED:
        raise ValidationError(_("This seat has already ended."), code="already_ended")
    if not reason.strip():
        raise ValidationError({"end_reason": _("Give a reason for ending the seat.")})
    locked.status = Membership.Status.ENDED
    locked.ended_on = ended_on or timezone.localdate()
    locked.end_reason = reason.strip()
    locked.full_clean()
    save(locked, actor=actor)
    return locked


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "title",
    "profession",
    "leadership_level",
    "employer",
    "phone",
    "language",
    "listing_consent_at",
)


@transaction.atomic
def update_person(*, actor, person: Person, **changes) -> Person:
    """Change a person's details; their region follows their employer.

    Saving only when something changed keeps history free of empty entries, so a
    re-import of the same roster writes nothing.
    """
    require(actor, "steering.edit_person", person)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"update_person() got unexpected fields: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "email":
            value = value.lower()
        setattr(person, name, value)
    person.region = person.employer.region if person.employer is not None else None
    if not has_changes(person):
        return person
    person.full_clean()
    save(person, actor=actor)
    return person


MEMBERSHIP_FIELDS = (
    "role",
    "representing_region",
    "appointing_body",
    "appointing_organisation",
    "term_start",
    "term_end",
    "term_number",
)


@transaction.atomic
def edit_membership(*, actor, membership: Membership, **changes) -> Membership:
    """Correct a current seat's role, region, appointing body or term."""
    unknown = set(changes) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"edit_membership() got unexpected fields: {sorted(unknown)}")
    # The actor must be allowed both the seat as it was and the seat as it becomes.
    require(actor, "steering.appoint_member", membership)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status == Membership.Status.ENDED:
        raise ValidationError(_("An ended seat cannot be changed."), code="ended")
    for name, value in changes.items():
        setattr(locked, name, value)
    require(actor, "steering.appoint_member", locked)
    if not has_changes(locked):
        return locked
    locked.full_clean()
    save(locked, actor=actor)
    return locked


def plan_renewal(
    *,
    actor,
    old: Membership,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    term_limit_exception: str = "",
) -> tuple[datetime.date, datetime.date, str]:
    """The checks of a new term in the seat ``old``, writing nothing: its start (by
    default the day after the current term), end and the chair's term limit exception
    (empty when there is nothing to excuse)."""
    require(actor, "steering.appoint_member", old)
    term_limit_exception = term_limit_exception.strip()
    if term_limit_exception:
        require(actor, "steering.exceed_chair_term_limit", old)
    if old.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only an active seat can be renewed."), code="not_active")
    if term_start is None:
        term_start = (
            old.term_end + datetime.timedelta(days=1)
            if old.term_end is not None
            else timezone.localdate()
        )
    if term_start <= old.term_start:
        raise ValidationError(
            {"term_start": _("The new term must start after the current term started.")}
        )
    if term_end is None:
        term_end = default_term_end(term_start)
    chair_term = chair_term_of(old)
    if chair_term is None or chair_term.allows(term_end):
        term_limit_exception = ""  # nothing to excuse
    elif not term_limit_exception:
        raise ValidationError(
            chair_term.breach(person=old.person.full_name, term_end=term_end),
            code="chair_term_limit",
        )
    return term_start, term_end, term_limit_exception


@transaction.atomic
def reappoint_member(
    *,
    actor,
    membership: Membership,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    notify: bool = False,
    term_limit_exception: str = "",
) -> Membership:
    """A new term in the same seat: the old seat ends the day before the new one starts.

    The new seat points at the old one (``predecessor``) and counts one term further.
    A chair's new term may not run past the framework's term limit, unless the
    secretariat records why (``term_limit_exception``, kept on the new seat and in its
    history).
    """
    old = Membership.objects.select_for_update().get(pk=membership.pk)
    term_start, term_end, term_limit_exception = plan_renewal(
        actor=actor,
        old=old,
        term_start=term_start,
        term_end=term_end,
        term_limit_exception=term_limit_exception,
    )
    # The member stays in the group, so their invitations stay with them. Ending the old
    # term is part of the renewal, so whoever may appoint the seat may end it here (the
    # circle renews a leadership representative it may not otherwise remove, #22).
    _end_seat(
        actor=actor,
        membership=old,
        ended_on=term_start - datetime.timedelta(days=1),
        reason=_("Re-appointed for a new term."),
        perm="steering.appoint_member",
    )
    return appoint_member(
        actor=actor,
        person=old.person,
        group=old.group,
        role=old.role,
        term_start=term_start,
        term_end=term_end,
        representing_region=old.representing_region,
        appointing_body=old.appointing_body,
        appointing_organisation=old.appointing_organisation,
        term_number=old.term_number + 1,
        predecessor=old,
        notify=notify,
        term_limit_exception=term_limit_exception,
    )


@transaction.atomic
def appoint_person(
    *,
    actor,
    group: SteeringGroup,
    person: Person | None = None,
    new_person: dict | None = None,
    **seat,
) -> Membership:
    """Appoint an existing person, or register a new one and appoint them, in one step.

    Both writes share one transaction: a seat that fails validation leaves no orphan person.
    """
    if (person is None) == (new_person is None):
        raise ValidationError(_("Choose an existing person or enter a new one, not both."))
    if person is None:
        try:
            person = register_person(actor=actor, **new_person)
        except ValidationError as error:
            # The person's fields live under a prefix in the combined form.
            raise ValidationError(
                {
                    k if k == NON_FIELD_ERRORS else f"new_{k}": v
                    for k, v in error.update_error_dict({}).items()
                }
            ) from None
    return appoint_member(actor=actor, person=person, group=group, **seat)
