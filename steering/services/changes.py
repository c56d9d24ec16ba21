"""Whether an edit changes anything, so saving an unchanged object writes no history."""


def has_changes(instance) -> bool:
    """Whether the instance differs from its stored row (compared field by field)."""
    stored = (
        type(instance)
        .objects.filter(pk=instance.pk)
        .values(*[f.attname for f in instance._meta.concrete_fields])[0]
    )
    return any(getattr(instance, name) != value for name, value in stored.items())
