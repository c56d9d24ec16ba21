"""``_form_field.html`` reads each field once ({% field_parts %}) and joins the control's
attributes in Python; the markup keeps its labels, hints, error ids and ARIA links."""

from django import forms
from django.template.loader import render_to_string

from rkkp_portal.templatetags.form_fields import html_attrs


class AskForm(forms.Form):
    name = forms.CharField(help_text="As on your badge", max_length=20)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agree = forms.BooleanField()
    colour = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect, help_text="Pick"
    )


def _render(form, name: str) -> str:
    return render_to_string("_form_field.html", {"field": form[name]})


def test_attributes_keep_their_order_print_booleans_bare_and_escape_values():
    html = html_attrs({"class": "x", "id": "a", "required": True, "hidden": False, "t": '"<'})
    assert html == ' id="a" required t="&quot;&lt;"'


def test_an_input_with_an_error_links_its_hint_and_error():
    html = _render(AskForm({"name": "", "colour": "red"}), "name")
    assert '<label class="form-label" for="id_name">' in html
    assert '<div class="form-hint" id="id_name_helptext">As on your badge</div>' in html
    assert '<span class="form-error-message" id="id_name_error">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'maxlength="20"' in html and " required" in html


def test_a_textarea_keeps_its_value_escaped():
    html = _render(AskForm({"notes": "<b>hi</b>"}), "notes")
    assert 'rows="3"' in html
    assert "&lt;b&gt;hi&lt;/b&gt;</textarea>" in html


def test_a_checkbox_and_radio_buttons_keep_their_labels_and_fieldset():
    form = AskForm({})
    checkbox = _render(form, "agree")
    assert '<input type="checkbox" name="agree" class="form-checkbox"' in checkbox
    assert '<label class="form-label" for="id_agree">' in checkbox
    radios = _render(form, "colour")
    assert '<fieldset aria-describedby="id_colour_helptext id_colour_error">' in radios
    assert '<legend class="form-label">' in radios
    assert radios.count('class="form-radio"') == 2
    assert '<label class="form-label" for="id_colour_0">Red</label>' in radios
