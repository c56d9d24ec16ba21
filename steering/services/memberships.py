"""People and seats: register a person, appoint to a seat, end a seat."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steering.models import Membership, Person, SteeringGroup
from steering.models.memberships import AppointingBody, Role
from steering.services.base import require, save

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
    )
    require(actor, "steering.appoint_member", membership)
    membership.full_clean()
    save(membership, actor=actor)
    if notify and membership.status == Membership.Status.ACTIVE:
        welcome(membership)
    return membership


def welcome(membership: Membership) -> None:
    """A login for the new member and their welcome letter, in the caller's transaction."""
    from rkkp_portal.accounts.services import ensure_login
    from steering.letters import queue_welcome_letter

    ensure_login(person=membership.person)
    queue_welcome_letter(membership)


@transaction.atomic
def end_membership(
    *,
    actor,
    membership: Membership,
    ended_on: datetime.date | None = None,
    reason: str,
) -> Membership:
    """End a seat with a date and a reason; the row stays as the record."""
    require(actor, "steering.end_membership", membership)
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
