"""Rule-only permissions are answered without reading permission tables; model permissions
granted through Django's groups and user permissions still count."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rkkp_portal.accounts.backends import model_permission_names
from rkkp_portal.roles import load_user_with_roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_model_permissions_are_known_and_rule_only_ones_are_not():
    names = model_permission_names()
    assert {"accounts.change_user", "steering.view_person", "steering.add_membership"} <= names
    assert "steering.manage_register" not in names
    assert "steering.read_compliance" not in names


def test_a_refused_rule_only_permission_costs_no_query(admin_hovedstaden):
    user = load_user_with_roles(admin_hovedstaden.pk)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("steering.manage_register") is False
    assert queries.captured_queries == []


def test_a_granted_rule_only_permission_still_passes(secretariat):
    assert load_user_with_roles(secretariat.pk).has_perm("steering.manage_register") is True


def test_an_active_superuser_still_has_every_permission(db):
    user = load_user_with_roles(factories.UserFactory(is_superuser=True).pk)
    assert user.has_perm("steering.manage_register") is True


def test_a_model_permission_from_a_group_still_counts(db):
    user = factories.UserFactory()
    group = Group.objects.create(name="Revisorer")
    group.permissions.add(Permission.objects.get(codename="view_person"))
    user.groups.add(group)

    user = load_user_with_roles(user.pk)

    assert user.has_perm("steering.view_person") is True
    assert user.has_perm("steering.change_person") is False


def test_a_model_permission_given_to_the_user_still_counts(db):
    user = factories.UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_user"))

    assert load_user_with_roles(user.pk).has_perm("accounts.change_user") is True
