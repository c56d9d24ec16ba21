"""Authentication backends that load a signed-in request's user and roles in one query,
and answer rule-only permissions without reading permission tables.

Every signed-in request loads its user (``django.contrib.auth.get_user``) and then its
roles (the header, the menu and every permission check ask). These backends are Django's
and allauth's, unchanged in how they authenticate; only ``get_user`` differs: it reads the
user row and the roles in one fixed query (``rkkp_portal.roles.load_user_with_roles``),
and still refuses an inactive login.

Most of the portal's permissions are rules (``rules.add_perm``) with no ``Permission`` row
behind them (``steering.manage_register``, say). When a rule says no, Django goes on to
these backends, which read the user's and their groups' permissions (two queries) only to
find none. ``has_perm`` here answers no at once for a name no model permission can have
(each model's default and ``Meta.permissions``, the only rows Django creates); a model
permission (``accounts.change_user``, which a Django-admin group may grant) is still read.
"""

from functools import cache

from allauth.account import auth_backends as allauth_backends
from django.apps import apps
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_permission_codename

from rkkp_portal.roles import load_user_with_roles


@cache
def model_permission_names() -> frozenset[str]:
    """Every "app_label.codename" a ``Permission`` row of an installed model can carry."""
    names = set()
    for model in apps.get_models():
        meta = model._meta
        codenames = [get_permission_codename(action, meta) for action in meta.default_permissions]
        codenames += [codename for codename, _name in meta.permissions]
        names.update(f"{meta.app_label}.{codename}" for codename in codenames)
    return frozenset(names)


class UserWithRolesMixin:
    def get_user(self, user_id):
        user = load_user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permission_names():
            return False  # a rule-only permission: the rules backend has answered it
        return super().has_perm(user_obj, perm, obj=obj)


class ModelBackend(UserWithRolesMixin, django_backends.ModelBackend):
    """Django's: a login by e-mail address (the user model's USERNAME_FIELD) and password."""


class AuthenticationBackend(UserWithRolesMixin, allauth_backends.AuthenticationBackend):
    """allauth's: a login by e-mail address, whatever its case, and password."""
