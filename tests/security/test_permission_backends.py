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
