"""Fields are printed by Django's own form rendering (templates/django/forms/field.html,
rkkp_portal/form_rendering.py) in the design system's markup, with every link a screen
reader needs: label to control, control to help text and error, fieldset and legend for a
group of radio buttons."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from rkkp_portal.forms import DateInput


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class AskForm(forms.Form):
    name = forms.CharField(help_text="As on your badge", max_length=20)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agree = forms.BooleanField(help_text="Read the terms first")
    colour = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect, help_text="Pick"
    )
    day = forms.DateField(widget=DateInput(), required=False)
    size = forms.ChoiceField(choices=[("", "---------"), ("s", "Small & <b>bold</b>")])
    code = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"class": "input-width-xs"})
    )


def test_an_input_with_an_error_links_its_label_help_and_error():
    html = AskForm({"name": ""})["name"].as_field_group()
    assert '<div class="form-group form-error">' in html
    assert '<label class="form-label" for="id_name">' in html
    assert '<span class="weight-normal"> (required)</span>' in html
    assert '<div class="form-hint" id="id_name_helptext">As on your badge</div>' in html
    assert '<span class="form-error-message" id="id_name_error">' in html
    assert '<span class="sr-only">Error: </span>This field is required.' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="form-input"' in html and 'maxlength="20"' in html and " required" in html


def test_a_field_without_errors_has_no_error_markup():
    html = AskForm()["name"].as_field_group()
    assert '<div class="form-group">' in html
    assert "form-error" not in html and "aria-invalid" not in html
    assert 'aria-describedby="id_name_helptext"' in html


def test_a_textarea_keeps_its_value_escaped():
    html = AskForm({"notes": "<b>hi</b>"})["notes"].as_field_group()
    assert 'class="form-input"' in html and 'rows="3"' in html
    assert "&lt;b&gt;hi&lt;/b&gt;</textarea>" in html


def test_a_checkbox_has_its_label_after_the_box_and_its_error_before():
    html = AskForm({})["agree"].as_field_group()
    error = html.index('<span class="form-error-message" id="id_agree_error">')
    box = html.index('<div class="form-group-checkbox">')
    label = html.index('<label class="form-label" for="id_agree">')
    assert error < box < html.index('class="form-checkbox"') < label
    assert 'aria-describedby="id_agree_helptext id_agree_error"' in html
    assert '<div class="form-hint" id="id_agree_helptext">Read the terms first</div>' in html


def test_radio_buttons_are_a_fieldset_with_a_legend_and_a_label_each():
    html = AskForm({"colour": "blue"})["colour"].as_field_group()
    assert '<fieldset aria-describedby="id_colour_helptext">' in html
    assert '<legend class="form-label">' in html
    assert html.count('<div class="form-group-radio">') == 2
    assert html.count('class="form-radio"') == 2
    assert '<label class="form-label" for="id_colour_0">Red</label>' in html
    chosen = re.search(r'<input type="radio" name="colour" value="blue"[^>]*>', html)[0]
    assert 'id="id_colour_1"' in chosen and " checked" in chosen and " required" in chosen


def test_a_date_field_is_a_date_input():
    html = AskForm({"day": "2026-02-30"})["day"].as_field_group()
    assert 'type="date"' in html and 'class="form-input"' in html
    assert 'value="2026-02-30"' in html
    assert 'aria-describedby="id_day_error"' in html


def test_a_select_marks_its_choice_escapes_labels_and_is_required_with_a_blank_first():
    html = AskForm({"size": "s"})["size"].as_field_group()
    assert 'class="form-select"' in html and " required" in html
    assert '<option value="s" selected>Small &amp; &lt;b&gt;bold&lt;/b&gt;</option>' in html


def test_a_widget_s_own_class_stays_after_the_design_system_s():
    html = AskForm()["code"].as_field_group()
    assert 'class="form-input input-width-xs"' in html


def test_a_form_page_prints_the_error_summary_and_every_field():
    html = render_to_string("_form.html", {"form": AskForm({"name": "", "colour": "red"})})
    assert 'data-module="error-summary"' in html
    assert '<a href="#id_name" class="function-link">' in html
    assert '<a href="#id_agree" class="function-link">' in html
    groups = re.findall(r'<div class="form-group(?: form-error)?">', html)
    assert len(groups) == len(AskForm.base_fields)
