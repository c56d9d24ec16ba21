"""Write operations of the representatives app: the circle, nominations and decisions.

Every state change of a nomination goes through these, so history and letters are
never skipped. Each is atomic, keyword-only and checks the actor's permission.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from representatives.eligibility import EligibilityPolicy, eligibility_problems
from representatives.models import CircleMember, LeadershipNomination
from rkkp_portal.services import require, save
from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Membership, Message, Person, SteeringGroup, SuccessionAsk
from steering.models.memberships import AppointingBody, Role
from steering.register.services.memberships import appoint_member
from steering.succession.closing import close_questions

Status = LeadershipNomination.Status


@transaction.atomic
def add_circle_member(*, actor, user, region=None, title: str = "") -> CircleMember:
    """Seat ``user`` in the circle of regional health directors.

    A former member who returns gets their old row back, so history stays in one place.
    """
    require(actor, "steering.manage_group")
    member = CircleMember.objects.select_for_update().filter(user=user).first()
    if member is not None and member.active:
        raise ValidationError({"user": _("This user is already in the circle.")})
    if member is None:
        member = CircleMember(user=user)
    member.region = region
    member.title = title.strip()
    member.active = True
    member.full_clean()
    save(member, actor=actor)
    return member


def _refuse_if_group_has_leader(group: SteeringGroup, *, except_seat=None) -> None:
    seats = Membership.objects.current().filter(group=group, role=Role.LEADERSHIP)
    if except_seat is not None:
        seats = seats.exclude(pk=except_seat.pk)
    if seats.exists():
        raise ValidationError(
            _("This steering group already has a leadership representative."),
            code="group_has_leader",
        )


def _proposing_region_id(actor, person: Person) -> int | None:
    """An administrator nominates for their region; the circle on behalf of the candidate's."""
    if actor is not None and actor.roles.admin_region_id is not None:
        return actor.roles.admin_region_id
    return person.region_id


@transaction.atomic
def nominate(
    *,
    actor,
    person: Person,
    group: SteeringGroup,
    motivation: str,
    policy: EligibilityPolicy | None = None,
) -> LeadershipNomination:
    """Propose that the circle appoints ``person`` leadership representative in ``group``.

    Refused when the candidate does not qualify, already sits in the group or is already
    nominated for it, or when the group already has a leadership representative.
    """
    require(actor, "representatives.nominate", person)
    errors: dict[str, list[str]] = {}
    if not motivation.strip():
        errors["motivation"] = [_("Say why this person should be appointed.")]
    problems = eligibility_problems(person, policy or EligibilityPolicy.load())
    if problems:
        errors["person"] = problems
    if errors:
        raise ValidationError(errors)
    _refuse_if_group_has_leader(group)
    if Membership.objects.current().filter(person=person, group=group).exists():
        raise ValidationError(
            _("This person already has a seat in this steering group."), code="has_seat"
        )
    nomination = LeadershipNomination(
        person=person,
        group=group,
        proposing_region_id=_proposing_region_id(actor, person),
        proposed_by=actor,
        motivation=motivation.strip(),
    )
    # Checks one_open_nomination_per_person_and_group; save() catches the race.
    nomination.full_clean()
    save(nomination, actor=actor)
    return nomination


def _lock_open(nomination: LeadershipNomination) -> LeadershipNomination:
    locked = LeadershipNomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status != Status.PROPOSED:
        raise ValidationError(
            _("This nomination has already been %(status)s.")
            % {"status": locked.get_status_display().lower()},
            code="not_open",
        )
    return locked


@transaction.atomic
def withdraw_nomination(
    *, actor, nomination: LeadershipNomination, reason: str = ""
) -> LeadershipNomination:
    """The proposer (or the secretariat) takes a nomination back before the decision."""
    require(actor, "representatives.withdraw_nomination", nomination)
    locked = _lock_open(nomination)
    locked.status = Status.WITHDRAWN
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.reasoning = reason.strip()
    locked.full_clean()
    save(locked, actor=actor)
    return locked


@transaction.atomic
def decide_nomination(
    *,
    actor,
    nomination: LeadershipNomination,
    approve: bool,
    reasoning: str,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    policy: EligibilityPolicy | None = None,
) -> LeadershipNomination:
    """The circle approves or rejects a nomination, with its reasoning.

    Approval seats the candidate through ``appoint_member`` (which queues the welcome
    letter); both outcomes send the decision letter to the candidate and the proposer.
    """
    require(actor, "representatives.decide_nomination", nomination)
    if not reasoning.strip():
        raise ValidationError({"reasoning": [_("Give the reasoning for the decision.")]})
    current = LeadershipNomination.objects.select_related("person__employer__kind", "group").get(
        pk=nomination.pk
    )
    if current.status != Status.PROPOSED:
        _lock_open(current)  # raises the "already decided" message
    membership = None
    if approve:
        problems = eligibility_problems(current.person, policy or EligibilityPolicy.load())
        if problems:
            raise ValidationError([_("The candidate does not qualify:"), *problems])
        _refuse_if_group_has_leader(current.group)
        # The seat is written before any lock is taken, so that when two approvals of the
        # same candidate race, the constraint one_current_seat_per_person_and_group decides
        # (appoint_member turns its violation into a ValidationError).
        membership = appoint_member(
            actor=actor,
            person=current.person,
            group=current.group,
            role=Role.LEADERSHIP,
            appointing_body=AppointingBody.CIRCLE,
            term_start=term_start or timezone.localdate(),
            term_end=term_end,
            notify=True,
        )
        # Approvals of two different candidates for one group queue here; the second sees
        # the first's committed seat. NO KEY UPDATE: the seat's foreign key holds KEY SHARE.
        SteeringGroup.objects.select_for_update(no_key=True).get(pk=current.group_id)
        _refuse_if_group_has_leader(current.group, except_seat=membership)
        # The group's one leadership seat is filled: the circle's question about the
        # earlier seat (which has ended, or the approval was refused above) is closed.
        leadership_asks = SuccessionAsk.objects.filter(
            membership__group_id=membership.group_id, membership__role=Role.LEADERSHIP
        )
        close_questions(actor=actor, asks=leadership_asks, successor=membership)
    locked = _lock_open(current)
    locked.status = Status.APPROVED if approve else Status.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.reasoning = reasoning.strip()
    locked.membership = membership
    locked.full_clean()
    save(locked, actor=actor)
    queue_decision_letters(locked)
    return locked


def queue_decision_letters(nomination: LeadershipNomination) -> list[Message]:
    """The decision, to the candidate and to whoever nominated them, once each."""
    person = nomination.person
    proposer = nomination.proposed_by
    recipients = []
    if person.email:
        recipients.append(("candidate", person.email, person, person.language))
    if proposer is not None and proposer.email and proposer.email.lower() != person.email.lower():
        proposer_person = Person.objects.filter(user=proposer).first()
        language = proposer_person.language if proposer_person else settings.LANGUAGE_CODE
        recipients.append(("proposer", proposer.email, proposer_person, language))
    url = settings.SITE_URL + reverse("representatives:nomination-detail", args=[nomination.pk])
    messages = []
    for audience, email, recipient, language in recipients:
        context = {
            "nomination": nomination,
            "person": person,
            "database": nomination.group.database,
            "to_candidate": audience == "candidate",
            "recipient_name": (
                recipient.full_name if recipient else (proposer.get_full_name() or proposer.email)
            ),
            "nomination_url": url,
        }
        letter = render_letter("nomination_decision", context, language)
        message, _created = outbox.queue_message(
            kind=Message.Kind.NOMINATION_DECISION,
            key=f"nomination_decision:{nomination.pk}:{audience}",
            recipient_email=email,
            subject=letter.subject,
            body_text=letter.body_text,
            body_html=letter.body_html,
            person=recipient,
            group=nomination.group,
            language=language,
        )
        messages.append(message)
    return messages
