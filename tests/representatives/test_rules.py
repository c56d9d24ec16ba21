"""The permission rules the workflow rests on, including the one added to steering."""

import pytest

from steering.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def seat(role: str, group) -> Membership:
    """An unsaved seat, as appoint_member checks it."""
    return Membership(role=role, group=group, representing_region=None)


@pytest.mark.parametrize(
    ("persona", "role", "allowed"),
    [
        ("circle_member", "leadership", True),
        ("circle_member", "member", False),
        ("circle_member", "chair", False),
        ("admin_hovedstaden", "leadership", False),
        ("secretariat", "leadership", True),
        ("member", "leadership", False),
    ],
)
def test_the_circle_may_appoint_leadership_seats_only(persona, role, allowed, request, group):
    user = request.getfixturevalue(persona)
    assert user.has_perm("steering.appoint_member", seat(role, group)) is allowed


def test_a_former_circle_member_may_no_longer_decide(circle_member, nomination):
    assert circle_member.has_perm("representatives.decide_nomination", nomination)
    circle_member.circle_membership.active = False
    circle_member.circle_membership.save()
    fresh = type(circle_member).objects.get(pk=circle_member.pk)
    assert not fresh.has_perm("representatives.decide_nomination", nomination)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin_hovedstaden", True),
        ("admin_syddanmark", False),
        ("circle_member", True),
        ("secretariat", False),
        ("member", False),
    ],
)
def test_who_may_nominate_a_leader_employed_in_hovedstaden(persona, allowed, request, leader):
    user = request.getfixturevalue(persona)
    assert user.has_perm("representatives.nominate", leader) is allowed


def test_an_administrator_sees_nominations_of_people_employed_in_their_region(
    admin_hovedstaden, circle_member, leader
):
    from representatives.access import nominations_visible_to
    from tests.representatives.conftest import make_nomination

    by_circle = make_nomination(leader, factories.GroupFactory(), circle_member)
    assert list(nominations_visible_to(admin_hovedstaden)) == [by_circle]
    assert admin_hovedstaden.has_perm("representatives.read_nomination", by_circle)
    assert not admin_hovedstaden.has_perm("representatives.withdraw_nomination", by_circle)
