"""Scoped querysets and fetch-and-authorise helpers: what each persona sees, and the
difference between 404 (may not see it) and 403 (may see it, may not do that)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from regions.access import get_region_for
from steering.access import (
    databases_visible_to,
    get_database_for,
    get_group_for,
    get_membership_for,
    get_person_for,
    memberships_visible_to,
    people_visible_to,
)
from steering.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_user(db):
    """A login with no role at all."""
    return factories.UserFactory()


@pytest.fixture
def world(group, other_group, member_seat, chair_seat, outsider_seat):
    """Both groups with their seats; the chair is employed in Hovedstaden (factory default)."""
    return {
        "databases": {group.database, other_group.database},
        "people": {member_seat.person, chair_seat.person, outsider_seat.person},
        "seats": {member_seat, chair_seat, outsider_seat},
    }


# --- databases_visible_to -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_roles_see_every_database(request, world, persona):
    user = request.getfixturevalue(persona)

    assert set(databases_visible_to(user)) == world["databases"]


@pytest.mark.parametrize("persona", ["member", "chair"])
def test_a_member_sees_only_the_databases_whose_group_they_sit_in(request, world, group, persona):
    user = request.getfixturevalue(persona)

    assert list(databases_visible_to(user)) == [group.database]


def test_an_outsider_sees_only_their_own_groups_database(world, outsider, other_group):
    assert list(databases_visible_to(outsider)) == [other_group.database]


def test_a_proposed_seat_already_shows_the_database(world, other_group):
    seat = factories.MembershipFactory(group=other_group, status=Membership.Status.PROPOSED)
    user = factories.make_member_login(seat)

    assert list(databases_visible_to(user)) == [other_group.database]


def test_an_ended_seat_no_longer_shows_the_database(world, member, member_seat, group):
    member_seat.status = Membership.Status.ENDED
    member_seat.ended_on = datetime.date(2025, 1, 1)
    member_seat.save()

    assert list(databases_visible_to(member)) == []


def test_a_member_reappointed_in_a_group_sees_its_database_once(world, member, member_seat, group):
    member_seat.status = Membership.Status.ENDED
    member_seat.ended_on = datetime.date(2025, 1, 1)
    member_seat.save()
    factories.MembershipFactory(person=member_seat.person, group=group, term_number=2)

    assert list(databases_visible_to(member)) == [group.database]


@pytest.mark.parametrize("persona", ["anonymous", "plain_user"])
def test_nobody_without_a_role_sees_a_database(request, world, persona):
    assert list(databases_visible_to(request.getfixturevalue(persona))) == []


# --- people_visible_to ----------------------------------------------------------------------


def test_the_secretariat_sees_everybody(world, secretariat):
    assert set(people_visible_to(secretariat)) == world["people"]


def test_a_regional_administrator_sees_the_people_employed_in_their_region(
    world, admin_hovedstaden, member_seat, chair_seat
):
    assert set(people_visible_to(admin_hovedstaden)) == {member_seat.person, chair_seat.person}


def test_an_administrator_with_a_seat_also_sees_themselves(
    world, admin_syddanmark, outsider_seat, hovedstaden, group
):
    themselves = factories.PersonFactory(user=admin_syddanmark, employer__region=hovedstaden)
    factories.MembershipFactory(person=themselves, group=group)

    assert set(people_visible_to(admin_syddanmark)) == {outsider_seat.person, themselves}


@pytest.mark.parametrize(("persona", "seat"), [("member", "member_seat"), ("chair", "chair_seat")])
def test_a_member_sees_only_themselves(request, world, persona, seat):
    user = request.getfixturevalue(persona)

    assert list(people_visible_to(user)) == [request.getfixturevalue(seat).person]


@pytest.mark.parametrize("persona", ["circle_member", "anonymous", "plain_user"])
def test_the_circle_and_anyone_without_a_role_see_nobody(request, world, persona):
    assert list(people_visible_to(request.getfixturevalue(persona))) == []


# --- memberships_visible_to -----------------------------------------------------------------


def test_the_secretariat_sees_every_seat(world, secretariat):
    assert set(memberships_visible_to(secretariat)) == world["seats"]


def test_an_administrator_sees_the_seats_that_represent_their_region(
    world, admin_hovedstaden, admin_syddanmark, member_seat, outsider_seat
):
    """Both read every roster, but a seat's own page is only their own region's."""
    assert list(memberships_visible_to(admin_hovedstaden)) == [member_seat]
    assert list(memberships_visible_to(admin_syddanmark)) == [outsider_seat]


@pytest.mark.parametrize(
    ("persona", "seat"),
    [("member", "member_seat"), ("chair", "chair_seat"), ("outsider", "outsider_seat")],
)
def test_a_member_sees_their_own_seat_and_no_fellow_members(request, world, persona, seat):
    user = request.getfixturevalue(persona)

    assert list(memberships_visible_to(user)) == [request.getfixturevalue(seat)]


@pytest.mark.parametrize("persona", ["circle_member", "anonymous", "plain_user"])
def test_the_circle_and_anyone_without_a_seat_see_no_seat(request, world, persona):
    assert list(memberships_visible_to(request.getfixturevalue(persona))) == []


# --- get_database_for / get_group_for -------------------------------------------------------


def test_a_member_gets_their_own_groups_database(member, group):
    assert get_database_for(member, group.database.slug) == group.database


@pytest.mark.parametrize("persona", ["member", "anonymous"])
def test_a_database_the_user_may_not_see_is_not_found(request, other_group, persona):
    user = request.getfixturevalue(persona)

    with pytest.raises(Http404):
        get_database_for(user, other_group.database.slug)


def test_an_unknown_database_is_not_found_even_for_the_secretariat(secretariat):
    with pytest.raises(Http404):
        get_database_for(secretariat, "no-such-database")


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "circle_member", "member"])
def test_a_visible_database_that_the_user_may_not_manage_is_forbidden(request, group, persona):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        get_database_for(user, group.database.slug, perm="steering.manage_group")


def test_the_secretariat_may_manage_any_database(secretariat, group):
    database = get_database_for(secretariat, group.database.slug, perm="steering.manage_group")

    assert database == group.database


def test_a_database_without_a_steering_group_does_not_crash_the_lookup(secretariat):
    database = factories.DatabaseFactory()  # as the admin's "add" form leaves it

    try:
        found = get_database_for(secretariat, database.slug)
    except Http404:
        return
    assert found == database


def test_a_group_outside_the_members_own_is_not_found(member, group, other_group):
    assert get_group_for(member, group.pk) == group
    with pytest.raises(Http404):
        get_group_for(member, other_group.pk)


# --- get_person_for -------------------------------------------------------------------------


def test_an_administrator_gets_a_person_employed_in_their_region(admin_hovedstaden, member_seat):
    assert get_person_for(admin_hovedstaden, member_seat.person.pk) == member_seat.person


def test_a_person_employed_in_another_region_is_not_found(admin_hovedstaden, outsider_seat):
    with pytest.raises(Http404):
        get_person_for(admin_hovedstaden, outsider_seat.person.pk)


def test_a_member_cannot_find_a_fellow_member(member, chair_seat):
    with pytest.raises(Http404):
        get_person_for(member, chair_seat.person.pk)


def test_an_unknown_person_is_not_found(secretariat):
    with pytest.raises(Http404):
        get_person_for(secretariat, 999_999)


def test_a_visible_person_is_forbidden_for_a_permission_the_user_lacks(
    admin_hovedstaden, member, member_seat
):
    with pytest.raises(PermissionDenied):
        get_person_for(admin_hovedstaden, member_seat.person.pk, perm="steering.manage_group")
    with pytest.raises(PermissionDenied):
        get_person_for(member, member_seat.person.pk, perm="steering.list_people")


def test_a_member_gets_and_may_edit_themselves(member, member_seat):
    assert get_person_for(member, member_seat.person.pk, perm="steering.edit_person") == (
        member_seat.person
    )


# --- get_membership_for ---------------------------------------------------------------------


def test_a_member_gets_their_own_seat(member, member_seat):
    assert get_membership_for(member, member_seat.pk) == member_seat


def test_a_seat_in_another_group_is_not_found_for_a_member(member, outsider_seat):
    with pytest.raises(Http404):
        get_membership_for(member, outsider_seat.pk)


@pytest.mark.parametrize(
    ("persona", "seat"),
    [
        ("member", "chair_seat"),
        ("chair", "member_seat"),
        ("admin_syddanmark", "member_seat"),
        ("admin_hovedstaden", "outsider_seat"),
        ("circle_member", "member_seat"),
    ],
)
def test_a_seat_outside_the_users_remit_is_not_found(request, persona, seat):
    """A fellow member's or another region's seat is a row on a roster the user reads,
    but its page is not theirs to see: 404, not 403 (#20 point 8)."""
    user = request.getfixturevalue(persona)

    with pytest.raises(Http404):
        get_membership_for(user, request.getfixturevalue(seat).pk)


def test_an_administrator_may_end_a_seat_of_their_region_and_finds_no_other(
    admin_hovedstaden, member_seat, outsider_seat
):
    assert get_membership_for(admin_hovedstaden, member_seat.pk, "steering.end_membership") == (
        member_seat
    )
    with pytest.raises(Http404):
        get_membership_for(admin_hovedstaden, outsider_seat.pk, "steering.end_membership")


def test_a_member_sees_their_seat_but_may_not_end_it(member, member_seat):
    with pytest.raises(PermissionDenied):
        get_membership_for(member, member_seat.pk, "steering.end_membership")


# --- get_region_for -------------------------------------------------------------------------


def test_an_unknown_region_code_is_not_found(secretariat):
    with pytest.raises(Http404):
        get_region_for(secretariat, "bornholm")


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("admin_hovedstaden", "hovedstaden"),
        ("admin_syddanmark", "syddanmark"),
        ("secretariat", "hovedstaden"),
        ("secretariat", "nordjylland"),
    ],
)
def test_a_regions_own_administrators_and_the_secretariat_open_its_workspace(
    request, persona, code
):
    region = get_region_for(request.getfixturevalue(persona), code)

    assert region.code == code


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("admin_hovedstaden", "syddanmark"),
        ("admin_syddanmark", "hovedstaden"),
        ("circle_member", "hovedstaden"),
        ("member", "hovedstaden"),
        ("anonymous", "hovedstaden"),
    ],
)
def test_another_regions_workspace_is_forbidden_not_hidden(request, hovedstaden, persona, code):
    factories.region(code)

    with pytest.raises(PermissionDenied):
        get_region_for(request.getfixturevalue(persona), code)
