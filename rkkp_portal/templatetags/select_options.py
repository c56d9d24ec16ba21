"""A select's options rendered in one pass, for ``_form_field.html``.

Django's per-option subwidgets build a dict and a template context for every choice; a
filter over every steering group or workplace has well over a thousand, and building them
was most of the people list's time. The markup is the same as the template loop gave:
``<option value="…" selected>label</option>``, with optgroups for grouped choices.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

# Plain text, so escaping changes nothing; format_html makes it safe without mark_safe.
SELECTED = format_html("{}", " selected")


def _options(choices, selected: set[str], multiple: bool) -> SafeString:
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            inner = _options(label, selected, multiple)
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, inner))
            continue
        value = "" if value is None else str(value)
        chosen = value in selected
        if chosen and not multiple:
            selected = set()  # a single select marks only its first match, as Django does
        parts.append(
            format_html(
                '<option value="{}"{}>{}</option>\n', value, SELECTED if chosen else "", label
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))


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
