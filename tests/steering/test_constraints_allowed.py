"""What the named constraints deliberately allow: rows that look close to a broken
invariant and must save and clean without complaint."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, models, transaction

from regions.models import SupportContact
from representatives.models import LeadershipNomination
from rkkp_portal.integrity import violated_constraint
from steering.models import Membership, Message, Person
from tests import factories
from tests.steering.constraint_cases import (
    unsaved_buyout,
    unsaved_message,
    unsaved_nomination,
    unsaved_seat,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 1, 1)


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
