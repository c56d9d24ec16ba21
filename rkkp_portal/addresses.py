"""Addresses for the rows of a list, reversed once per list rather than once per row."""

from collections.abc import Callable

from django.urls import reverse

# Valid for an int and for a slug; it marks where each row's own key goes.
_MARKER = "2147483647"


def address_for(name: str, key: str = "pk", **kwargs) -> Callable[[object], str]:
    """``reverse(name, kwargs={**kwargs, key: value})`` as a function of ``value``."""
    head, tail = reverse(name, kwargs={**kwargs, key: _MARKER}).split(_MARKER)
    return lambda value: f"{head}{value}{tail}"
