"""nominate, withdraw_nomination and decide_nomination: every outcome and every refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from representatives.models import LeadershipNomination
from representatives.services import decide_nomination, nominate, withdraw_nomination
from steering.models import Membership, Message, SuccessionAsk
from steering.register.services.memberships import default_term_end
from tests import factories
from tests.representatives.conftest import make_leader, make_nomination

pytestmark = pytest.mark.django_db
Status = LeadershipNomination.Status
MOTIVATION = "Vicedirektør med stærkt kvalitetsfokus."


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


# --- nominate -------------------------------------------------------------------------------


def test_a_regional_administrator_nominates_someone_employed_in_their_region(
    admin_hovedstaden, leader, group, hovedstaden
):
    nomination = nominate(
        actor=admin_hovedstaden, person=leader, group=group, motivation=f"  {MOTIVATION} "
    )
    assert nomination.status == Status.PROPOSED
    assert nomination.proposed_by == admin_hovedstaden
    assert nomination.proposing_region == hovedstaden
    assert nomination.motivation == MOTIVATION
    assert nomination.history.get().history_user == admin_hovedstaden


def test_a_circle_member_nominates_anyone(circle_member, leader_syddanmark, group, syddanmark):
    nomination = nominate(
        actor=circle_member, person=leader_syddanmark, group=group, motivation=MOTIVATION
    )
    assert nomination.proposing_region == syddanmark


def test_an_administrator_cannot_nominate_someone_employed_in_another_region(
    admin_syddanmark, leader, group
):
    with pytest.raises(PermissionDenied):
        nominate(actor=admin_syddanmark, person=leader, group=group, motivation=MOTIVATION)
    assert not LeadershipNomination.objects.exists()


@pytest.mark.parametrize("persona", ["secretariat", "member", "chair"])
def test_only_administrators_and_the_circle_nominate(persona, request, leader, group):
    with pytest.raises(PermissionDenied):
        nominate(actor=request.getfixturevalue(persona), person=leader, group=group, motivation="x")


def test_an_ineligible_candidate_is_refused_with_every_reason(admin_hovedstaden, group):
    person = make_leader(leadership_level="department", profession="non_health")
    with pytest.raises(ValidationError) as caught:
        nominate(actor=admin_hovedstaden, person=person, group=group, motivation="")
    errors = caught.value.message_dict
    assert len(errors["person"]) == 2
    assert errors["motivation"] == ["Say why this person should be appointed."]
    assert not LeadershipNomination.objects.exists()


def test_a_second_open_nomination_of_the_same_person_for_the_same_group_is_refused(
    circle_member, admin_hovedstaden, nomination
):
    with pytest.raises(ValidationError) as caught:
        nominate(
            actor=circle_member,
            person=nomination.person,
            group=nomination.group,
            motivation=MOTIVATION,
        )
    assert messages_of(caught.value) == [
        "This person has already been nominated for this steering group."
    ]
    assert LeadershipNomination.objects.count() == 1


def test_a_withdrawn_nomination_can_be_made_again(admin_hovedstaden, nomination):
    withdraw_nomination(actor=admin_hovedstaden, nomination=nomination)
    again = nominate(
        actor=admin_hovedstaden,
        person=nomination.person,
        group=nomination.group,
        motivation=MOTIVATION,
    )
    assert again.status == Status.PROPOSED


def test_a_group_that_has_a_leadership_representative_is_refused(admin_hovedstaden, leader, group):
    factories.MembershipFactory(group=group, role="leadership", representing_region=None)
    with pytest.raises(ValidationError) as caught:
        nominate(actor=admin_hovedstaden, person=leader, group=group, motivation=MOTIVATION)
    assert messages_of(caught.value) == [
        "This steering group already has a leadership representative."
    ]


def test_a_candidate_who_already_sits_in_the_group_is_refused(admin_hovedstaden, leader, group):
    factories.MembershipFactory(person=leader, group=group)
    with pytest.raises(ValidationError) as caught:
        nominate(actor=admin_hovedstaden, person=leader, group=group, motivation=MOTIVATION)
    assert messages_of(caught.value) == ["This person already has a seat in this steering group."]


# --- withdraw -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "secretariat"])
def test_the_proposer_or_the_secretariat_withdraws(persona, request, nomination):
    actor = request.getfixturevalue(persona)
    withdrawn = withdraw_nomination(actor=actor, nomination=nomination, reason=" Fratrådt ")
    assert withdrawn.status == Status.WITHDRAWN
    assert withdrawn.decided_by == actor
    assert withdrawn.decided_at is not None
    assert withdrawn.reasoning == "Fratrådt"
    assert withdrawn.history.first().history_user == actor


@pytest.mark.parametrize("persona", ["admin_syddanmark", "circle_member", "member"])
def test_nobody_else_withdraws(persona, request, nomination):
    with pytest.raises(PermissionDenied):
        withdraw_nomination(actor=request.getfixturevalue(persona), nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == Status.PROPOSED


def test_a_decided_nomination_cannot_be_withdrawn(admin_hovedstaden, circle_member, nomination):
    decide_nomination(actor=circle_member, nomination=nomination, approve=False, reasoning="Nej")
    with pytest.raises(ValidationError) as caught:
        withdraw_nomination(actor=admin_hovedstaden, nomination=nomination)
    assert messages_of(caught.value) == ["This nomination has already been rejected."]


# --- decide ---------------------------------------------------------------------------------


def test_approval_seats_the_candidate_through_appoint_member(circle_member, nomination):
    before = timezone.now()
    decided = decide_nomination(
        actor=circle_member, nomination=nomination, approve=True, reasoning="Godt match"
    )
    seat = decided.membership
    assert decided.status == Status.APPROVED
    assert decided.decided_by == circle_member and decided.decided_at >= before
    assert decided.reasoning == "Godt match"
    assert seat.person == nomination.person and seat.group == nomination.group
    assert seat.role == Membership.Role.LEADERSHIP
    assert seat.appointing_body == Membership.AppointingBody.CIRCLE
    assert seat.status == Membership.Status.ACTIVE
    assert seat.term_start == timezone.localdate()
    assert seat.term_end == default_term_end(seat.term_start)
    assert seat.history.get().history_user == circle_member
    assert decided.history.first().history_user == circle_member
    # appoint_member gave the new representative a login
    nomination.person.refresh_from_db()
    assert nomination.person.user is not None


def test_approval_takes_the_term_the_circle_gives(circle_member, nomination):
    start, end = datetime.date(2027, 1, 1), datetime.date(2029, 12, 31)
    decided = decide_nomination(
        actor=circle_member,
        nomination=nomination,
        approve=True,
        reasoning="Ja",
        term_start=start,
        term_end=end,
    )
    assert (decided.membership.term_start, decided.membership.term_end) == (start, end)


def test_approval_queues_the_welcome_letter_and_the_decision_letters(circle_member, nomination):
    decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    letters = {m.idempotency_key: m for m in Message.objects.all()}
    seat = nomination.person.memberships.get()
    assert set(letters) == {
        f"welcome:{seat.pk}",
        f"nomination_decision:{nomination.pk}:candidate",
        f"nomination_decision:{nomination.pk}:proposer",
    }
    to_candidate = letters[f"nomination_decision:{nomination.pk}:candidate"]
    assert to_candidate.recipient_email == nomination.person.email
    assert to_candidate.kind == Message.Kind.NOMINATION_DECISION
    to_proposer = letters[f"nomination_decision:{nomination.pk}:proposer"]
    assert to_proposer.recipient_email == "admin.hovedstaden@rkkp.example"
    assert nomination.person.full_name in to_proposer.body_text
    assert "Ja" in to_candidate.body_text and "Ja" in to_candidate.body_html


def _circle_asked_about_a_leader_who_left(group) -> SuccessionAsk:
    """The circle was asked ahead about the group's leadership seat, which has since ended."""
    seat = factories.MembershipFactory(
        group=group,
        role=Membership.Role.LEADERSHIP,
        representing_region=None,
        appointing_body=Membership.AppointingBody.CIRCLE,
        status=Membership.Status.ENDED,
        ended_on=timezone.localdate(),
    )
    return SuccessionAsk.objects.create(
        membership=seat, body=SuccessionAsk.Body.CIRCLE, asked_on=timezone.localdate()
    )


def test_approval_closes_the_circle_s_question_about_the_group_s_leadership_seat(
    circle_member, nomination
):
    ask = _circle_asked_about_a_leader_who_left(nomination.group)
    elsewhere = _circle_asked_about_a_leader_who_left(factories.GroupFactory())
    decided = decide_nomination(
        actor=circle_member, nomination=nomination, approve=True, reasoning="Ja"
    )
    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.CLOSED
    assert ask.successor == decided.membership and ask.closed_at is not None
    assert ask.history.first().history_user == circle_member
    elsewhere.refresh_from_db()
    assert elsewhere.status == SuccessionAsk.Status.OPEN


def test_a_rejection_leaves_the_circle_s_question_open(circle_member, nomination):
    ask = _circle_asked_about_a_leader_who_left(nomination.group)
    decide_nomination(actor=circle_member, nomination=nomination, approve=False, reasoning="Nej")
    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.OPEN and ask.successor is None


def test_the_welcome_letter_carries_the_leadership_expectations(circle_member, nomination):
    from steering.models import StandardText

    expectations = StandardText.objects.get(key="leadership_expectations")
    decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    welcome = Message.objects.get(kind=Message.Kind.WELCOME)
    # The candidate's language is Danish; the text is what the secretariat keeps.
    assert expectations.title_da in welcome.body_text
    assert "to årlige heldagsmøder" in welcome.body_text
    assert expectations.title_da in welcome.body_html


def test_an_edited_expectation_text_reaches_the_next_welcome_letter(circle_member, nomination):
    from steering.models import StandardText

    StandardText.objects.filter(key="leadership_expectations").update(
        body_da="- Mød op til begge heldagsmøder hvert år"
    )
    decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    welcome = Message.objects.get(kind=Message.Kind.WELCOME)
    assert "Mød op til begge heldagsmøder hvert år" in welcome.body_text


def test_rejection_records_the_reasoning_and_seats_nobody(circle_member, nomination):
    decided = decide_nomination(
        actor=circle_member, nomination=nomination, approve=False, reasoning="Ikke nu"
    )
    assert decided.status == Status.REJECTED and decided.membership is None
    assert decided.decided_by == circle_member
    assert not Membership.objects.exists()
    assert set(Message.objects.values_list("idempotency_key", flat=True)) == {
        f"nomination_decision:{nomination.pk}:candidate",
        f"nomination_decision:{nomination.pk}:proposer",
    }
    # The proposer has no person record: their letter is in the portal's language (Danish).
    to_proposer = Message.objects.get(idempotency_key__endswith="proposer")
    assert to_proposer.language == "da"
    assert "Ikke nu" in to_proposer.body_text


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "member"])
def test_only_the_circle_decides(persona, request, nomination):
    with pytest.raises(PermissionDenied):
        decide_nomination(
            actor=request.getfixturevalue(persona),
            nomination=nomination,
            approve=True,
            reasoning="Ja",
        )
    assert not Membership.objects.filter(role="leadership").exists()


def test_a_decision_needs_reasoning(circle_member, nomination):
    with pytest.raises(ValidationError) as caught:
        decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning=" ")
    assert caught.value.message_dict == {"reasoning": ["Give the reasoning for the decision."]}


def test_a_nomination_is_decided_once(circle_member, nomination):
    decide_nomination(actor=circle_member, nomination=nomination, approve=False, reasoning="Nej")
    with pytest.raises(ValidationError) as caught:
        decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    assert messages_of(caught.value) == ["This nomination has already been rejected."]
    assert not Membership.objects.exists()


def test_a_withdrawn_nomination_cannot_be_approved(circle_member, admin_hovedstaden, nomination):
    withdraw_nomination(actor=admin_hovedstaden, nomination=nomination)
    with pytest.raises(ValidationError) as caught:
        decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    assert messages_of(caught.value) == ["This nomination has already been withdrawn."]


def test_a_candidate_who_no_longer_qualifies_is_not_approved(circle_member, nomination):
    nomination.person.leadership_level = "department"
    nomination.person.save()
    with pytest.raises(ValidationError) as caught:
        decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    assert messages_of(caught.value)[0] == "The candidate does not qualify:"
    assert not Membership.objects.exists()
    # …but the circle can still reject it.
    decide_nomination(actor=circle_member, nomination=nomination, approve=False, reasoning="Nej")


def test_approval_is_refused_when_the_group_got_a_leader_meanwhile(
    circle_member, nomination, leader_syddanmark
):
    other = make_nomination(leader_syddanmark, nomination.group, circle_member)
    decide_nomination(actor=circle_member, nomination=other, approve=True, reasoning="Ja")
    with pytest.raises(ValidationError) as caught:
        decide_nomination(actor=circle_member, nomination=nomination, approve=True, reasoning="Ja")
    assert messages_of(caught.value) == [
        "This steering group already has a leadership representative."
    ]
    nomination.refresh_from_db()
    assert nomination.status == Status.PROPOSED


def test_a_candidate_without_e_mail_gets_no_letter_but_the_proposer_does(circle_member, nomination):
    nomination.person.email = ""
    nomination.person.save()
    decide_nomination(actor=circle_member, nomination=nomination, approve=False, reasoning="Nej")
    assert list(Message.objects.values_list("recipient_email", flat=True)) == [
        "admin.hovedstaden@rkkp.example"
    ]
