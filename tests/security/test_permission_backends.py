"""Permissions come from the rules and, for the Django admin, from model permissions
granted through Django's groups and user permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests import factories

pytestmark = pytest.mark.django_db


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_a_refused_rule_only_permission_is_refused(admin_hovedstaden):
    assert fresh(admin_hovedstaden).has_perm("steering.manage_register") is False


def test_a_granted_rule_only_permission_passes(secretariat):
    assert fresh(secretariat).has_perm("steering.manage_register") is True


def test_an_active_superuser_has_every_permission(db):
    assert fresh(factories.UserFactory(is_superuser=True)).has_perm("steering.manage_register")


def test_a_model_permission_from_a_group_counts(db):
    user = factories.UserFactory()
    group = Group.objects.create(name="Revisorer")
    group.permissions.add(Permission.objects.get(codename="view_person"))
    user.groups.add(group)

    user = fresh(user)

    assert user.has_perm("steering.view_person") is True
    assert user.has_perm("steering.change_person") is False


def test_a_model_permission_given_to_the_user_counts(db):
    user = factories.UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_user"))

    assert fresh(user).has_perm("accounts.change_user") is True


def test_a_refused_portal_permission_reads_no_permission_table(
    admin_hovedstaden, django_assert_num_queries
):
    user = fresh(admin_hovedstaden)
    assert user.roles.admin_region_id  # what the rules read, loaded once
    with django_assert_num_queries(0):
        assert user.has_perm("steering.manage_register") is False
        assert user.has_perm("steering.no_such_permission") is False


def test_a_refused_portal_permission_stays_refused_with_every_model_permission(db):
    user = factories.UserFactory()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="steering"))

    user = fresh(user)

    assert user.has_perm("steering.change_person") is True
    assert user.has_perm("steering.manage_register") is False
