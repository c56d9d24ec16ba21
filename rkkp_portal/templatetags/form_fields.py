"""``{% field_parts field as f %}``: what ``_form_field.html`` prints about one bound field,
worked out once in Python.

Every ``{{ field.something }}`` in a template first tries ``field["something"]`` (a bound
field's index lookup, which raises) before the attribute, and the widget's attributes were
printed by a template loop: together over a thousand lookups per field. Here each value is
read once and the control's extra attributes are joined in one pass, so the template only
reads a plain dict. The markup stays in the template.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from rkkp_portal.templatetags.select_options import first_choice_is_blank, select_options

register = template.Library()

SELECTS = {"select", "selectmultiple", "nullbooleanselect"}
CHOICES = {"radioselect", "checkboxselectmultiple"}


def html_attrs(attrs: dict, skip: tuple[str, ...] = ("class",)) -> SafeString:
    """` name="value"` for each attribute in order; True prints the bare name, False and
    None print nothing (as the template loop did)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if name not in skip and value is not False and value is not None
        ),
    )


def _value(value) -> str | None:
    return None if value is None else str(value)


def _control(data: dict) -> dict:
    """A subwidget's context (name, value, attributes) as the template prints it."""
    attrs = data["attrs"]
    return {
        "type": data.get("type"),
        "name": data["name"],
        "value": _value(data["value"]),
        "raw_value": data["value"],
        "label": data.get("label"),
        "id": attrs.get("id"),
        "extra_class": attrs.get("class") or "",
        "attrs": html_attrs(attrs),
    }


def _select(field, auto_id) -> dict:
    widget = field.field.widget
    attrs = widget.attrs
    multiple = widget.allow_multiple_selected
    required = (
        field.field.required
        and field.form.use_required_attribute
        and (multiple or first_choice_is_blank(field))
    )
    return {
        "name": field.html_name,
        "id": (attrs.get("id") or auto_id) if auto_id else None,
        "extra_class": attrs.get("class") or "",
        "multiple": multiple,
        "required": required,
        "disabled": field.field.disabled,
        "describedby": field.aria_describedby,
        "attrs": html_attrs(attrs, skip=("class", "id")),
        "options": select_options(field),
    }


@register.simple_tag
def field_parts(field) -> dict:
    kind = field.widget_type
    auto_id = field.auto_id
    errors = field.errors
    help_text = field.help_text
    if kind == "checkbox":
        layout = "checkbox"
    elif kind in CHOICES:
        layout = "choices"
    elif field.use_fieldset or kind == "clearablefile":
        layout = "django"
    elif kind in SELECTS:
        layout = "select"
    elif kind == "textarea":
        layout = "textarea"
    else:
        layout = "input"
    described_by = []
    if auto_id and help_text:
        described_by.append(f"{auto_id}_helptext")
    if auto_id and errors:
        described_by.append(f"{auto_id}_error")
    parts = {
        "layout": layout,
        "fieldset": field.use_fieldset,
        "label": field.label,
        "required": field.field.required,
        "id_for_label": field.id_for_label,
        "help_text": help_text,
        "help_id": f"{auto_id}_helptext" if auto_id else "",
        "errors": errors,
        "error_id": f"{auto_id}_error" if auto_id else "",
        "describedby": " ".join(described_by),
    }
    if layout == "select":
        parts["select"] = _select(field, auto_id)
    elif layout == "choices":
        parts["options"] = [_control(option.data) for option in field.subwidgets]
    elif layout != "django":
        parts["control"] = _control(field.subwidgets[0].data)
    return parts
