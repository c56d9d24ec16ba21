"""Authentication backends that load a signed-in request's user and roles in one query.

Every signed-in request loads its user (``django.contrib.auth.get_user``) and then its
roles (the header, the menu and every permission check ask). These backends are Django's
and allauth's, unchanged in how they authenticate; only ``get_user`` differs: it reads the
user row and the roles in one fixed query (``rkkp_portal.roles.load_user_with_roles``),
and still refuses an inactive login.
"""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends

from rkkp_portal.roles import load_user_with_roles


class UserWithRolesMixin:
    def get_user(self, user_id):
        user = load_user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(UserWithRolesMixin, django_backends.ModelBackend):
    """Django's: a login by e-mail address (the user model's USERNAME_FIELD) and password."""


class AuthenticationBackend(UserWithRolesMixin, allauth_backends.AuthenticationBackend):
    """allauth's: a login by e-mail address, whatever its case, and password."""
