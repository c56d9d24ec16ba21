"""Every named invariant holds twice: the database rejects the row, and ``full_clean``
says why, so a form shows a message instead of the request ending in a 500.

Each case builds one unsaved row that breaks exactly one constraint (its dependencies
are saved); the same row is then saved (the database must refuse it) and cleaned
(``full_clean`` must refuse it with the expected message).
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from regions.models import BuyOutAgreement, RegionalAdministrator, SupportContact
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import User
from rkkp_portal.integrity import violated_constraint
from steering.models import Declaration, Invitation, Meeting, Membership, Message, Person
from tests import factories
from tests.privacy.test_privacy_constraints import PRIVACY_CASES

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the source language whatever LANGUAGE_CODE says."""
    with translation.override("en"):
        yield


def test_every_constraint_explains_itself_in_plain_words():
    """Django's fallback ("Constraint … is violated") must never reach a form."""
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            field_level = getattr(constraint, "fields", ()) and not constraint.condition
            if model._meta.app_label in {"steering", "regions", "representatives", "accounts"}:
                # A plain unique constraint on fields reports Django's message on the field.
                assert field_level or constraint.violation_error_message, constraint.name


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

PARAMS = [
    pytest.param(name, build, message, id=f"{name}:{build.__name__}")
    for name, build, message in CASES
]


@pytest.mark.parametrize(("constraint", "build", "message"), PARAMS)
def test_the_database_rejects_a_row_that_breaks_the_constraint(
    constraint: str, build: Callable[[], models.Model], message: str
):
    row = build()

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        row.save()

    assert violated_constraint(type(row), excinfo.value).name == constraint


@pytest.mark.parametrize(("constraint", "build", "message"), PARAMS)
def test_full_clean_rejects_a_row_that_breaks_the_constraint_and_says_why(
    constraint: str, build: Callable[[], models.Model], message: str
):
    row = build()

    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()

    assert message in excinfo.value.messages


@pytest.mark.parametrize(
    ("model", "text", "constraint"),
    [
        (
            Membership,
            'duplicate key value violates unique constraint "one_current_seat_per_person_and_group"'
            "\nDETAIL:  Key (person_id, group_id)=(1, 2) already exists.",
            "one_current_seat_per_person_and_group",
        ),
        (
            Membership,
            "UNIQUE constraint failed: steering_membership.person_id, steering_membership.group_id",
            "one_current_seat_per_person_and_group",
        ),
        (
            Membership,
            "UNIQUE constraint failed: steering_membership.group_id, steering_membership.person_id",
            "one_current_seat_per_person_and_group",
        ),
        (
            Person,
            "UNIQUE constraint failed: index 'unique_person_email'",
            "unique_person_email",
        ),
        (
            Membership,
            "CHECK constraint failed: ended_seat_has_end_date",
            "ended_seat_has_end_date",
        ),
        (
            Membership,
            'new row for relation "steering_membership" violates check constraint '
            '"seat_ends_after_it_starts"',
            "seat_ends_after_it_starts",
        ),
        (Membership, "UNIQUE constraint failed: steering_membership.person_id", None),
        (Membership, "UNIQUE constraint failed: steering_person.email", None),
        (Membership, "NOT NULL constraint failed: steering_membership.group_id", None),
        (Message, 'violates unique constraint "one_message_per_idempotency_key_x"', None),
    ],
    ids=[
        "postgresql unique",
        "sqlite unique columns",
        "sqlite columns in another order",
        "sqlite expression index",
        "sqlite check",
        "postgresql check",
        "sqlite unique on other columns",
        "sqlite unique of another table",
        "not a constraint of the model",
        "a longer name that only starts alike",
    ],
)
def test_the_constraint_is_found_in_either_databases_words(model, text, constraint):
    found = violated_constraint(model, IntegrityError(text))

    assert (found.name if found else None) == constraint


def test_no_two_unique_constraints_of_a_model_cover_the_same_fields():
    """SQLite names a violated unique index on columns by its columns only, so two of them
    on the same fields could not be told apart (rkkp_portal/integrity.py)."""
    for model in apps.get_models():
        fields = [
            frozenset(constraint.fields)
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields
        ]
        assert len(fields) == len(set(fields)), model._meta.label


def test_every_named_constraint_of_the_domain_has_a_case():
    """A new constraint must come with a case above, or this reminds whoever added it."""
    covered = {name for name, _, _ in CASES}
    declared = {
        constraint.name
        for model in (
            Membership,
            Person,
            Meeting,
            Invitation,
            Declaration,
            Message,
            LeadershipNomination,
            BuyOutAgreement,
            SupportContact,
            RegionalAdministrator,
            User,
        )
        for constraint in model._meta.constraints
    }
    # Plausibility bounds on numbers no form offers; not part of this brief.
    declared -= {"declaration_year_is_plausible"}

    assert declared == covered


def test_a_regional_administrators_second_region_is_reported_on_the_user_field():
    row = second_region_for_an_administrator()

    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()

    assert excinfo.value.message_dict["user"] == [
        "Regional administrator with this User already exists."
    ]


def test_a_duplicate_person_email_is_reported_on_the_email_field_in_plain_words():
    row = person_whose_email_differs_only_in_case()

    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()

    messages = excinfo.value.message_dict.get("email", [])
    assert messages
    assert not any("unique_person_email" in message for message in messages)


# --- What the constraints deliberately allow -----------------------------------------------


def save_and_clean(row: models.Model) -> None:
    row.full_clean()
    row.save()


def test_a_person_may_take_a_new_seat_in_a_group_after_the_old_one_ended():
    old = factories.MembershipFactory(
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2023, 12, 31),
        status=Membership.Status.ENDED,
        ended_on=datetime.date(2023, 12, 31),
    )

    save_and_clean(unsaved_seat(person=old.person, group=old.group, term_number=2))

    assert Membership.objects.filter(person=old.person, group=old.group).count() == 2


def test_a_proposed_seat_counts_as_current_so_it_blocks_a_second_seat():
    proposed = factories.MembershipFactory(status=Membership.Status.PROPOSED)
    row = unsaved_seat(person=proposed.person, group=proposed.group)

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        row.save()

    assert violated_constraint(Membership, excinfo.value).name == (
        "one_current_seat_per_person_and_group"
    )


def test_a_group_may_have_co_chairs():
    group = factories.GroupFactory()
    factories.MembershipFactory(group=group, role=Membership.Role.CHAIR, representing_region=None)

    save_and_clean(unsaved_seat(group=group, role=Membership.Role.CHAIR, representing_region=None))

    assert group.memberships.chairs().count() == 2


def test_a_person_may_sit_in_two_different_groups():
    seat = factories.MembershipFactory()

    save_and_clean(unsaved_seat(person=seat.person))

    assert seat.person.memberships.count() == 2


def test_a_seat_may_have_an_open_ended_term():
    save_and_clean(unsaved_seat(term_end=None))


def test_a_seat_may_end_on_the_day_its_term_starts():
    save_and_clean(unsaved_seat(term_start=START, status=Membership.Status.ENDED, ended_on=START))


def test_many_people_may_have_no_email():
    factories.PersonFactory(email="")

    save_and_clean(factories.PersonFactory.build(email="", employer=None))

    assert Person.objects.filter(email="").count() == 2


def test_a_person_may_be_nominated_again_after_a_withdrawn_nomination():
    withdrawn = unsaved_nomination(status=LeadershipNomination.Status.WITHDRAWN)
    withdrawn.save()

    save_and_clean(unsaved_nomination(person=withdrawn.person, group=withdrawn.group))

    assert LeadershipNomination.objects.open().count() == 1


def test_a_queued_message_needs_no_sent_at():
    save_and_clean(unsaved_message(status=Message.Status.QUEUED, sent_at=None))


@pytest.mark.parametrize(
    ("hours", "share"),
    [(Decimal("20.0"), None), (None, Decimal("1")), (None, Decimal("0.001"))],
    ids=["hours only", "a full position", "the smallest share"],
)
def test_a_buyout_may_state_hours_or_a_share_of_a_position(hours, share):
    save_and_clean(unsaved_buyout(hours_per_month=hours, fte_share=share))


@pytest.mark.parametrize(("email", "phone"), [("lis@regionh.example", ""), ("", "+45 38 66 00 00")])
def test_a_support_contact_needs_only_an_email_or_a_phone(email, phone):
    save_and_clean(
        SupportContact(
            region=factories.region("hovedstaden"),
            kind=SupportContact.Kind.LIS,
            name="LIS-support",
            email=email,
            phone=phone,
        )
    )
