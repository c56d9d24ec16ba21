"""Who may do what: one grid of persona × permission × object, and the roles behind it.

Objects are named relative to Region Hovedstaden: ``member_seat`` (the member persona's
seat, representing Hovedstaden, in ``group``), ``outsider_seat`` (representing Syddanmark,
in ``other_group``), and people employed in either region.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from regions.models import RegionalAdministrator
from representatives.models import CircleMember
from rkkp_portal.roles import Roles
from steering.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_person(member_seat):
    """The member persona's own record; employed in Hovedstaden."""
    return member_seat.person


@pytest.fixture
def person_in_hovedstaden(hovedstaden):
    return factories.PersonFactory(employer__region=hovedstaden)


@pytest.fixture
def person_in_syddanmark(syddanmark):
    return factories.PersonFactory(employer__region=syddanmark)


def unsaved_seat(group, role, region) -> Membership:
    """A seat as appoint_member checks it: built, not yet saved."""
    return factories.MembershipFactory.build(
        person=factories.PersonFactory(), group=group, role=role, representing_region=region
    )


@pytest.fixture
def new_seat_in_hovedstaden(group, hovedstaden):
    return unsaved_seat(group, Membership.Role.MEMBER, hovedstaden)


@pytest.fixture
def new_seat_in_syddanmark(group, syddanmark):
    return unsaved_seat(group, Membership.Role.MEMBER, syddanmark)


@pytest.fixture
def new_chair_seat(group):
    return unsaved_seat(group, Membership.Role.CHAIR, None)


PERSONAS = (
    "secretariat",
    "admin_hovedstaden",
    "admin_syddanmark",
    "circle_member",
    "member",
    "chair",
    "outsider",
    "anonymous",
)
Y, N = True, False

# fmt: off
GRID = [
    # (permission, object, expected per persona in PERSONAS order: secretariat,
    #  admin_hovedstaden, admin_syddanmark, circle_member, member, chair, outsider, anonymous)
    ("steering.read_group", "group",                        (Y, Y, Y, Y, Y, Y, N, N)),
    ("steering.read_group", "other_group",                  (Y, Y, Y, Y, N, N, Y, N)),
    ("steering.manage_group", "group",                      (Y, N, N, N, N, N, N, N)),
    ("steering.read_person", "member_person",               (Y, Y, N, N, Y, N, N, N)),
    ("steering.read_person", "person_in_hovedstaden",       (Y, Y, N, N, N, N, N, N)),
    ("steering.read_person", "person_in_syddanmark",        (Y, N, Y, N, N, N, N, N)),
    ("steering.edit_person", "member_person",               (Y, Y, N, N, Y, N, N, N)),
    ("steering.edit_person", "person_in_syddanmark",        (Y, N, Y, N, N, N, N, N)),
    ("steering.list_people", None,                          (Y, Y, Y, N, N, N, N, N)),
    ("steering.appoint_member", "new_seat_in_hovedstaden",  (Y, Y, N, N, N, N, N, N)),
    ("steering.appoint_member", "new_seat_in_syddanmark",   (Y, N, Y, N, N, N, N, N)),
    ("steering.appoint_member", "new_chair_seat",           (Y, N, N, N, N, N, N, N)),
    ("steering.end_membership", "member_seat",              (Y, Y, N, N, N, N, N, N)),
    ("steering.end_membership", "outsider_seat",            (Y, N, Y, N, N, N, N, N)),
    ("steering.read_membership", "member_seat",             (Y, Y, N, N, Y, N, N, N)),
    ("steering.read_membership", "outsider_seat",           (Y, N, Y, N, N, N, Y, N)),
    # The Django admin is the secretariat's tool; seats are never deleted, not even there.
    ("steering.change_membership", None,                    (Y, N, N, N, N, N, N, N)),
    ("steering.view_person", None,                          (Y, N, N, N, N, N, N, N)),
    ("steering.delete_membership", None,                    (N, N, N, N, N, N, N, N)),
    ("regions.change_buyoutagreement", None,                (Y, N, N, N, N, N, N, N)),
    ("representatives.change_leadershipnomination", None,   (Y, N, N, N, N, N, N, N)),
    ("accounts.change_user", None,                          (Y, N, N, N, N, N, N, N)),
    ("regions.open_workspace", "hovedstaden",               (Y, Y, N, N, N, N, N, N)),
    ("regions.open_workspace", "syddanmark",                (Y, N, Y, N, N, N, N, N)),
    ("representatives.read_overview", None,                 (Y, Y, Y, Y, N, N, N, N)),
    # The circle decides nominations; the secretariat administers them but does not decide.
    ("representatives.decide_nomination", None,             (N, N, N, Y, N, N, N, N)),
]
# fmt: on

CASES = [
    pytest.param(persona, perm, target, expected[i], id=f"{persona}-{perm}-{target}")
    for perm, target, expected in GRID
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("persona", "perm", "target", "expected"), CASES)
def test_each_persona_holds_exactly_the_permissions_of_its_role(
    request, persona, perm, target, expected
):
    user = request.getfixturevalue(persona)
    obj = request.getfixturevalue(target) if target else None

    assert user.has_perm(perm, obj) is expected


def test_an_anonymous_visitor_holds_no_permission_at_all(group):
    visitor = AnonymousUser()

    granted = [
        name
        for name in rules.permissions.permissions
        if visitor.has_perm(name) or visitor.has_perm(name, group)
    ]

    assert granted == []


def test_an_inactive_secretariat_user_holds_no_permission(db):
    user = factories.make_secretariat(is_active=False)

    assert not user.has_perm("steering.manage_group")
    assert not user.has_perm("steering.change_membership")


# --- Roles ----------------------------------------------------------------------------------


def test_the_secretariat_role(secretariat):
    assert Roles.for_user(secretariat) == Roles(secretariat=True)


def test_a_regional_administrator_role_names_the_region(admin_hovedstaden, hovedstaden):
    assert Roles.for_user(admin_hovedstaden) == Roles(
        admin_region_id=hovedstaden.pk, admin_region_code="hovedstaden"
    )


def test_the_circle_role(circle_member):
    assert Roles.for_user(circle_member) == Roles(circle=True)


def test_a_member_role_points_at_their_person(member, member_seat):
    assert Roles.for_user(member) == Roles(person_id=member_seat.person_id)


def test_roles_combine(admin_syddanmark, syddanmark, group):
    person = factories.PersonFactory(user=admin_syddanmark)
    factories.MembershipFactory(person=person, group=group)

    roles = Roles.for_user(admin_syddanmark)

    assert roles == Roles(
        admin_region_id=syddanmark.pk, admin_region_code="syddanmark", person_id=person.pk
    )
    assert roles.is_staff_role


def test_a_user_with_no_role_has_none(db):
    roles = Roles.for_user(factories.UserFactory())

    assert roles == Roles()
    assert not roles.is_staff_role
    assert roles.labels == []


def test_an_inactive_administrator_or_circle_seat_gives_no_role(db):
    user = factories.UserFactory()
    RegionalAdministrator.objects.create(
        user=user, region=factories.region("hovedstaden"), active=False
    )
    CircleMember.objects.create(user=user, active=False)

    assert Roles.for_user(user) == Roles()


@pytest.mark.parametrize(
    "persona", ["secretariat", "admin_hovedstaden", "circle_member", "member", "outsider"]
)
def test_working_out_roles_costs_one_query(request, persona, django_assert_num_queries):
    user = request.getfixturevalue(persona)

    with django_assert_num_queries(1):
        Roles.for_user(user)


def test_roles_are_worked_out_once_per_user_object(admin_hovedstaden, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = admin_hovedstaden.roles
        second = admin_hovedstaden.roles

    assert first is second


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member", "member"])
def test_an_inactive_user_has_no_roles_and_costs_no_query(
    request, persona, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    user.is_active = False
    user.save(update_fields=["is_active"])

    with django_assert_num_queries(0):
        roles = Roles.for_user(user)

    assert roles == Roles()


def test_an_anonymous_visitor_has_no_roles(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert Roles.for_user(AnonymousUser()) == Roles()
