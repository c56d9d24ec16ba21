"""Every named invariant holds twice: the database rejects the row, and ``full_clean``
says why, so a form shows a message instead of the request ending in a 500.

Each case builds one unsaved row that breaks exactly one constraint (its dependencies
are saved); the same row is then saved (the database must refuse it) and cleaned
(``full_clean`` must refuse it with the expected message).
"""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation

from regions.models import BuyOutAgreement, RegionalAdministrator, SupportContact
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import User
from rkkp_portal.integrity import violated_constraint
from steering.models import (
    Declaration,
    Invitation,
    Meeting,
    Membership,
    Message,
    Person,
    SuccessionAsk,
)
from tests.steering.constraint_cases import (
    CASES,
    PARAMS,
    person_whose_email_differs_only_in_case,
    second_region_for_an_administrator,
)

pytestmark = pytest.mark.django_db


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
            SuccessionAsk,
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
