"""What every service does: check the actor's permission and save with history.

``actor=None`` is the system itself (imports, seeding, scheduled jobs).
"""

from django.core.exceptions import PermissionDenied

from rkkp_portal.integrity import constraint_errors_as_validation


def require(actor, perm: str, obj=None) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)


def save(instance, *, actor) -> None:
    """Save, recording the actor in history and turning a constraint race into a form error."""
    instance._history_user = actor
    with constraint_errors_as_validation(type(instance)):
        instance.save()


def has_changes(instance) -> bool:
    """Whether the instance differs from its stored row (compared field by field)."""
    stored = (
        type(instance)
        .objects.filter(pk=instance.pk)
        .values(*[f.attname for f in instance._meta.concrete_fields])[0]
    )
    return any(getattr(instance, name) != value for name, value in stored.items())
