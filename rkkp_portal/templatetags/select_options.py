"""A select's options rendered in one pass, for ``_form_field.html``.

Django's per-option subwidgets build a dict and a template context for every choice; a
filter over every steering group or workplace has well over a thousand, and building them
was most of the people list's time. The markup is the same as the template loop gave:
``<option value="…" selected>label</option>``, with optgroups for grouped choices.
"""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _escaped(text) -> str:
    """``conditional_escape`` without its per-call overhead: safe strings stay as they are,
    anything else is escaped as ``django.utils.html.escape`` does."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def _option_list(choices, selected: set[str], multiple: bool) -> list[str]:
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            inner = "".join(_option_list(label, selected, multiple))
            parts.append(f'<optgroup label="{_escaped(value)}">{inner}</optgroup>')
            continue
        value = "" if value is None else str(value)
        chosen = value in selected
        if chosen and not multiple:
            selected = set()  # a single select marks only its first match, as Django does
        mark = " selected" if chosen else ""
        parts.append(f'<option value="{_escaped(value)}"{mark}>{_escaped(label)}</option>\n')
    return parts


def _options(choices, selected: set[str], multiple: bool) -> SafeString:
    # Every value and label above is escaped; a select of a thousand choices is rendered
    # in one pass of plain string building (format_html per option cost several times more).
    return mark_safe("".join(_option_list(choices, selected, multiple)))  # noqa: S308


def _selected(field) -> set[str]:
    values = field.field.widget.format_value(field.value())
    if isinstance(values, str):  # NullBooleanSelect formats to one string
        values = [values]
    return {str(v) for v in values}


@register.simple_tag
def select_options(field) -> SafeString:
    widget = field.field.widget
    return _options(widget.choices, _selected(field), widget.allow_multiple_selected)


@register.filter
def first_choice_is_blank(field) -> bool:
    """Whether the first choice is the empty one (HTML's rule for ``required`` on a select)."""
    for value, _label in field.field.widget.choices:
        return value is None or str(value) == ""
    return False
