"""The one-pass option rendering behind _form_field.html's selects (a performance fix for
filters with a thousand choices) gives the markup the per-option loop gave."""

from django import forms
from django.template.loader import render_to_string


class PickForm(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "---------"), ("red", "Red & <b>bold</b>"), ("blue", "Blue")]
    )
    sizes = forms.MultipleChoiceField(
        choices=[("s", "Small"), ("m", "Medium"), ("l", "Large")], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Warm", [("red", "Red")]), ("Cold", [("blue", "Blue")])], required=False
    )
    answer = forms.NullBooleanField(widget=forms.NullBooleanSelect, required=False)


def _render(form, name: str) -> str:
    return render_to_string("_form_field.html", {"field": form[name]})


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    html = _render(PickForm({"colour": "blue"}), "colour")
    assert '<option value="blue" selected>Blue</option>' in html
    assert '<option value="red">Red &amp; &lt;b&gt;bold&lt;/b&gt;</option>' in html
    assert "<b>" not in html
    assert " required" in html  # the first choice is blank, so the browser can enforce it


def test_a_multiple_select_marks_every_chosen_option():
    html = _render(PickForm({"sizes": ["s", "l"]}), "sizes")
    assert '<option value="s" selected>' in html and '<option value="l" selected>' in html
    assert '<option value="m">' in html and " multiple" in html


def test_grouped_choices_keep_their_optgroups():
    html = _render(PickForm({"grouped": "blue"}), "grouped")
    assert '<optgroup label="Cold"><option value="blue" selected>Blue</option>' in html


def test_a_yes_no_select_marks_its_answer():
    html = _render(PickForm({"answer": "true"}), "answer")
    assert '<option value="true" selected>' in html
    assert html.count(" selected") == 1
