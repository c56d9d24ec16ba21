"""Labels the models show, as functions of plain values."""

from django.db.models import TextChoices
from django.utils.translation import get_language


def bilingual(name_da: str | None, name_en: str | None) -> str:
    """The English name when English is active, otherwise the Danish ("" for none)."""
    return (name_en if (get_language() or "da").startswith("en") else name_da) or ""


def workplace_label(
    name: str | None, parent_name: str | None, parent_short_name: str | None
) -> str:
    """``str(Organisation)`` from the workplace's and its parent's names ("" for none)."""
    if not name:
        return ""
    parent = parent_short_name or parent_name
    return f"{name}, {parent}" if parent else name


def choice_label(choices: type[TextChoices], value: str) -> str:
    """What ``get_FOO_display`` shows: the choice's label, or the value if it is not one.

    Django's own rebuilds a dict of every choice on each call; list pages call it for each
    row, so models with such rows override it with this lookup in the choices class."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
