"""The portal's permissions backend: the rules (``*/rules.py``), with the last word on the
portal's own permissions.

A permission is either the portal's own (``steering.manage_register``: a rules predicate)
or one of Django's model permissions (``steering.view_person``: the admin's, granted through
groups and user permissions). Django asks every backend in turn until one grants; so a
refused portal permission went on to the model backends, which read the user's and the
groups' permission tables (two queries) for a name those tables never hold. Raising
``PermissionDenied`` for it ends the check there, as Django documents for a backend.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend


@cache
def model_permission_names() -> frozenset[str]:
    """Every model permission the apps declare (the default four and ``Meta.permissions``)."""
    names = set()
    for model in apps.get_models():
        opts = model._meta
        names.update(
            f"{opts.app_label}.{action}_{opts.model_name}" for action in opts.default_permissions
        )
        names.update(f"{opts.app_label}.{codename}" for codename, _name in opts.permissions)
    return frozenset(names)


class RulesBackend(ObjectPermissionBackend):
    def has_perm(self, user, perm, *args, **kwargs) -> bool:
        if super().has_perm(user, perm, *args, **kwargs):
            return True
        if perm not in model_permission_names():
            raise PermissionDenied
        return False
