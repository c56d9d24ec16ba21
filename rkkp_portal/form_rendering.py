"""How every form of the portal is printed: Django's own form rendering, with the field
template ``templates/django/forms/field.html`` in the design system's (DKFDS) markup.

DKFDS styles a control by its class (``form-input``, ``form-select``, ``form-checkbox``,
``form-radio``). The bound field below adds that class to the attributes Django builds for
the control, next to the ``required``, ``aria-invalid`` and ``aria-describedby`` Django
already adds, so no form (the portal's, allauth's, django-filter's) has to name it.
"""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

# The first match wins: a checkbox list is a kind of RadioSelect, a date input an Input.
DESIGN_SYSTEM_CLASSES = (
    (forms.HiddenInput, ""),
    (forms.CheckboxInput, "form-checkbox"),
    (forms.CheckboxSelectMultiple, "form-checkbox"),
    (forms.RadioSelect, "form-radio"),
    (forms.Select, "form-select"),
    (forms.FileInput, ""),
    (forms.Textarea, "form-input"),
    (Input, "form-input"),
)


def design_system_class(widget: forms.Widget) -> str:
    for widget_class, css_class in DESIGN_SYSTEM_CLASSES:
        if isinstance(widget, widget_class):
            return css_class
    return ""


class BoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css_class = design_system_class(widget)
        if css_class:
            # The widget's own classes stay, after the design system's.
            names = f"{css_class} {widget.attrs.get('class', '')} {attrs.get('class', '')}"
            attrs["class"] = " ".join(dict.fromkeys(names.split()))
        return attrs


class FormRenderer(TemplatesSetting):
    """Django's renderer that reads templates/ first (so templates/django/forms/ overrides
    Django's own), with the bound field above."""

    bound_field_class = BoundField
