"""One unsaved row for each named constraint of the domain, breaking exactly that one
(its dependencies saved), with the message ``full_clean`` must give: the cases
test_constraints.py runs against the database and the model."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from regions.models import BuyOutAgreement, RegionalAdministrator, SupportContact
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import User
from steering.models import Declaration, Invitation, Membership, Message, Person
from tests import factories
from tests.privacy.test_privacy_constraints import PRIVACY_CASES
from tests.steering.succession_constraint_cases import SUCCESSION_CASES

START = datetime.date(2024, 1, 1)


# --- Builders: one unsaved row breaking one constraint ------------------------------------


def unsaved_seat(**fields) -> Membership:
    if "person" not in fields:
        fields["person"] = factories.PersonFactory()
    if "group" not in fields:
        fields["group"] = factories.GroupFactory()
    return factories.MembershipFactory.build(**fields)


def unsaved_meeting(**fields):
    return factories.MeetingFactory.build(group=factories.GroupFactory(), **fields)


def unsaved_message(**fields) -> Message:
    values = {
        "kind": Message.Kind.WELCOME,
        "idempotency_key": "welcome:1",
        "recipient_email": "karen@hospital.example",
        "subject": "Velkommen",
        "body_text": "Velkommen i styregruppen.",
    }
    return Message(**(values | fields))


def unsaved_nomination(**fields) -> LeadershipNomination:
    values = {
        "person": factories.PersonFactory(),
        "group": factories.GroupFactory(),
        "proposed_by": factories.UserFactory(),
        "motivation": "Erfaren leder med ansvar for området.",
    }
    return LeadershipNomination(**(values | fields))


def unsaved_buyout(**fields) -> BuyOutAgreement:
    seat = factories.MembershipFactory(role=Membership.Role.CHAIR, representing_region=None)
    values = {
        "membership": seat,
        "employer": seat.person.employer,
        "starts_on": datetime.date(2025, 1, 1),
        "ends_on": datetime.date(2025, 12, 31),
        "hours_per_month": Decimal("20.0"),
        "annual_amount_dkk": Decimal("150000.00"),
    }
    return BuyOutAgreement(**(values | fields))


def second_current_seat() -> Membership:
    seat = factories.MembershipFactory()
    return unsaved_seat(person=seat.person, group=seat.group, role=Membership.Role.OBSERVER)


def term_ending_the_day_it_starts() -> Membership:
    return unsaved_seat(term_start=START, term_end=START)


def regional_seat_without_region() -> Membership:
    return unsaved_seat(role=Membership.Role.MEMBER, representing_region=None)


def ended_seat_without_end_date() -> Membership:
    return unsaved_seat(status=Membership.Status.ENDED, ended_on=None)


def active_seat_with_end_date() -> Membership:
    return unsaved_seat(status=Membership.Status.ACTIVE, ended_on=datetime.date(2025, 1, 1))


def seat_ended_before_its_term() -> Membership:
    return unsaved_seat(
        term_start=START,
        status=Membership.Status.ENDED,
        ended_on=START - datetime.timedelta(days=1),
    )


def seat_with_term_number_zero() -> Membership:
    return unsaved_seat(term_number=0)


def person_whose_email_differs_only_in_case() -> Person:
    factories.PersonFactory(email="Karen.Jensen@Hospital.example")
    return factories.PersonFactory.build(email="karen.jensen@hospital.example", employer=None)


def meeting_ending_when_it_starts():
    starts = timezone.now() + datetime.timedelta(days=10)
    return unsaved_meeting(starts_at=starts, ends_at=starts)


def second_invitation() -> Invitation:
    invitation = Invitation.objects.create(
        meeting=factories.MeetingFactory(), person=factories.PersonFactory()
    )
    return Invitation(meeting=invitation.meeting, person=invitation.person)


def second_declaration_for_the_year() -> Declaration:
    person = factories.PersonFactory()
    Declaration.objects.create(person=person, year=2025, nothing_to_declare=True)
    return Declaration(person=person, year=2025, nothing_to_declare=True)


def second_message_with_the_same_key() -> Message:
    unsaved_message(idempotency_key="welcome:42").save()
    return unsaved_message(idempotency_key="welcome:42", subject="Velkommen igen")


def sent_message_without_sent_at() -> Message:
    return unsaved_message(status=Message.Status.SENT, sent_at=None)


def bounced_message_still_queued() -> Message:
    return unsaved_message(bounced=True)


def second_open_nomination() -> LeadershipNomination:
    first = unsaved_nomination()
    first.save()
    return unsaved_nomination(person=first.person, group=first.group)


def rejected_nomination_without_decider() -> LeadershipNomination:
    return unsaved_nomination(status=LeadershipNomination.Status.REJECTED)


def approved_nomination_without_membership() -> LeadershipNomination:
    return unsaved_nomination(
        status=LeadershipNomination.Status.APPROVED,
        decided_by=factories.make_circle_member(),
        decided_at=timezone.now(),
    )


def member_seat_with_term_limit_exception() -> Membership:
    return unsaved_seat(role="member", term_limit_exception="Kept on past the limit")


def buyout_ending_the_day_it_starts() -> BuyOutAgreement:
    day = datetime.date(2025, 1, 1)
    return unsaved_buyout(starts_on=day, ends_on=day)


def buyout_with_negative_amount() -> BuyOutAgreement:
    return unsaved_buyout(annual_amount_dkk=Decimal("-1.00"))


def buyout_without_hours_or_share() -> BuyOutAgreement:
    return unsaved_buyout(hours_per_month=None, fte_share=None)


def buyout_with_zero_share() -> BuyOutAgreement:
    return unsaved_buyout(hours_per_month=None, fte_share=Decimal("0"))


def buyout_with_share_above_one() -> BuyOutAgreement:
    return unsaved_buyout(hours_per_month=None, fte_share=Decimal("1.001"))


def approved_buyout_without_decider() -> BuyOutAgreement:
    return unsaved_buyout(status=BuyOutAgreement.Status.APPROVED, decided_at=timezone.now())


def support_contact_without_email_or_phone() -> SupportContact:
    return SupportContact(
        region=factories.region("hovedstaden"),
        kind=SupportContact.Kind.LIS,
        name="LIS-support",
        email="",
        phone="",
    )


def second_region_for_an_administrator() -> RegionalAdministrator:
    user = factories.make_regional_admin("hovedstaden")
    return RegionalAdministrator(user=user, region=factories.region("syddanmark"))


def user_whose_email_differs_only_in_case() -> User:
    factories.UserFactory(email="Anne.Admin@rkkp.example")
    return User(email="anne.admin@rkkp.example", password=make_password("correct horse"))


CASES = [
    # (constraint, builder, message full_clean must give)
    (
        "one_current_seat_per_person_and_group",
        second_current_seat,
        "This person already has a seat in this steering group.",
    ),
    (
        "membership_term_ends_after_it_starts",
        term_ending_the_day_it_starts,
        "The term must end after it starts.",
    ),
    (
        "regional_seat_names_its_region",
        regional_seat_without_region,
        "A regional member must represent a region.",
    ),
    (
        "ended_seat_has_end_date",
        ended_seat_without_end_date,
        "An ended membership must have an end date.",
    ),
    (
        "ended_seat_has_end_date",
        active_seat_with_end_date,
        "An ended membership must have an end date.",
    ),
    (
        "seat_ends_after_it_starts",
        seat_ended_before_its_term,
        "The end date cannot be earlier than the start of the term.",
    ),
    (
        "term_number_is_positive",
        seat_with_term_number_zero,
        "The term number must be at least 1.",
    ),
    (
        "term_limit_exception_only_for_chairs",
        member_seat_with_term_limit_exception,
        "Only a chair's seat can record an exception to the chair term limit.",
    ),
    (
        "unique_person_email",
        person_whose_email_differs_only_in_case,
        "Another person in the register has this e-mail.",
    ),
    (
        "meeting_ends_after_it_starts",
        meeting_ending_when_it_starts,
        "The meeting must end after it starts.",
    ),
    (
        "one_invitation_per_meeting_and_person",
        second_invitation,
        "This person has already been invited to the meeting.",
    ),
    (
        "one_declaration_per_person_and_year",
        second_declaration_for_the_year,
        "A declaration already exists for this year.",
    ),
    (
        "one_message_per_idempotency_key",
        second_message_with_the_same_key,
        "This message has already been queued.",
    ),
    (
        "sent_message_has_sent_at",
        sent_message_without_sent_at,
        "A sent message must record when it was sent.",
    ),
    (
        "bounced_message_has_failed",
        bounced_message_still_queued,
        "A refused message must be marked failed.",
    ),
    (
        "one_open_nomination_per_person_and_group",
        second_open_nomination,
        "This person has already been nominated for this steering group.",
    ),
    (
        "decided_nomination_records_decider",
        rejected_nomination_without_decider,
        "A decision must record who decided and when.",
    ),
    (
        "approved_nomination_has_membership",
        approved_nomination_without_membership,
        "An approved nomination must have its seat.",
    ),
    (
        "buyout_ends_after_it_starts",
        buyout_ending_the_day_it_starts,
        "The agreement must end after it starts.",
    ),
    (
        "buyout_amount_not_negative",
        buyout_with_negative_amount,
        "The amount cannot be negative.",
    ),
    (
        "buyout_states_hours_or_share",
        buyout_without_hours_or_share,
        "Give the hours per month or the share of a full-time post.",
    ),
    (
        "buyout_share_between_zero_and_one",
        buyout_with_zero_share,
        "The share of a full-time post must be above 0 and at most 1.",
    ),
    (
        "buyout_share_between_zero_and_one",
        buyout_with_share_above_one,
        "The share of a full-time post must be above 0 and at most 1.",
    ),
    (
        "decided_buyout_records_decider",
        approved_buyout_without_decider,
        "An approved or rejected agreement must record who decided and when.",
    ),
    (
        "support_contact_is_reachable",
        support_contact_without_email_or_phone,
        "Give an e-mail address or a phone number.",
    ),
    (
        "administrator_of_one_region",
        second_region_for_an_administrator,
        "Regional administrator with this User already exists.",
    ),
    (
        "unique_user_email_case_insensitive",
        user_whose_email_differs_only_in_case,
        "A login with this e-mail already exists.",
    ),
]
CASES += PRIVACY_CASES
CASES += SUCCESSION_CASES

PARAMS = [
    pytest.param(name, build, message, id=f"{name}:{build.__name__}")
    for name, build, message in CASES
]
