"""The search-as-you-type choice (rkkp_portal/lookups.py): a search box and radio buttons
that post the chosen id, validated by the ModelChoiceField as before; without JavaScript
the search button brings the form back with the matches, unsent and without complaints."""

import pytest
from django import forms
from django.utils import translation

from rkkp_portal.lookups import LIMIT, LookupFormMixin, SearchSelect, matching
from steering.models import Person
from steering.register.forms import PERSON_SEARCH
from tests import factories

pytestmark = pytest.mark.django_db


class PickForm(LookupFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.order_by("last_name", "first_name"),
        help_text="Someone in the register",
        widget=SearchSelect(url="/people/lookup/", search_fields=PERSON_SEARCH),
    )
    deputy = forms.ModelChoiceField(
        queryset=Person.objects.order_by("last_name", "first_name"),
        required=False,
        widget=SearchSelect(url="/people/lookup/", search_fields=PERSON_SEARCH),
    )
    note = forms.CharField()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def anna():
    return factories.PersonFactory(first_name="Anna", last_name="Holm", email="a.holm@rh.example")


@pytest.fixture
def bent():
    return factories.PersonFactory(first_name="Bent", last_name="Holmgaard", email="bg@ouh.example")


def test_matching_needs_every_word_somewhere_whatever_its_case(anna, bent):
    people = Person.objects.all()
    assert set(matching(people, PERSON_SEARCH, "HOLM")) == {anna, bent}
    assert list(matching(people, PERSON_SEARCH, "holm anna")) == [anna]
    assert list(matching(people, PERSON_SEARCH, "OUH.example")) == [bent]
    assert not matching(people, PERSON_SEARCH, "holm carl").exists()


def test_before_a_search_only_the_current_choice_is_shown(anna, bent):
    html = PickForm(initial={"person": anna.pk})["person"].as_field_group()
    assert '<label class="form-label" for="id_person">Person' in html
    assert 'type="search" name="person_search"' in html
    assert f'name="person" id="id_person_0" value="{anna.pk}" checked' in html
    assert "Holmgaard" not in html
    assert "Type part of a name" in html


def test_the_search_box_is_described_by_help_error_and_status(anna):
    html = PickForm({"person": "", "note": "x"})["person"].as_field_group()
    assert 'aria-describedby="id_person_helptext id_person_error id_person_status"' in html
    assert 'aria-invalid="true"' in html
    assert '<span class="form-error-message" id="id_person_error">' in html
    assert 'role="status"' in html
    assert 'data-hx-get="/people/lookup/"' in html
    assert "required" not in html.split('type="search"')[1].split(">")[0]


def test_the_search_button_brings_the_form_back_with_the_matches_and_no_errors(anna, bent):
    form = PickForm({"person_search": "holm", "lookup": "person"})
    assert form.searching and not form.is_valid()
    assert not form.errors
    html = form["person"].as_field_group()
    assert "2 matches for “holm”" in html
    assert f'value="{anna.pk}"' in html and f'value="{bent.pk}"' in html
    assert 'value="holm"' in html  # the search box keeps what was typed


def test_a_search_keeps_the_choice_made_so_far(anna, bent):
    form = PickForm({"person": anna.pk, "person_search": "holmgaard", "lookup": "person"})
    assert not form.is_valid() and form.cleaned_data["person"] == anna
    html = form["person"].as_field_group()
    assert html.index(f'value="{anna.pk}" checked') < html.index(f'value="{bent.pk}"')


def test_the_chosen_id_is_validated_as_a_model_choice(anna):
    assert PickForm({"person": anna.pk, "note": "x"}).is_valid()
    form = PickForm({"person": "999999", "note": "x"})
    assert not form.is_valid()
    assert form.errors["person"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_an_optional_field_can_be_emptied_again(anna):
    html = PickForm(initial={"deputy": anna.pk})["deputy"].as_field_group()
    assert 'id="id_deputy_none" value=""' in html
    assert "(required)" not in html


def test_matches_are_limited_and_the_status_says_so(db):
    for n in range(LIMIT + 2):
        factories.PersonFactory(first_name=f"Ida{n}", last_name="Lund")
    html = PickForm({"person_search": "lund", "lookup": "person"})["person"].as_field_group()
    assert html.count('type="radio"') == LIMIT
    assert f"The first {LIMIT} matches for “lund”" in html


def test_a_search_that_finds_nothing_says_so(anna):
    html = PickForm({"person_search": "<b>zz", "lookup": "x"})["person"].as_field_group()
    assert "Nothing matches “&lt;b&gt;zz”." in html
    assert 'type="radio"' not in html


def test_a_nul_byte_in_the_search_is_dropped(anna):
    # PostgreSQL refuses NUL in text; no name has one.
    form = PickForm({"person_search": "ho\x00lm", "lookup": "person"})
    assert f'value="{anna.pk}"' in form["person"].as_field_group()


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "1.5", "abc", "²"])
def test_a_choice_that_is_no_id_is_left_out_not_an_error(anna, value):
    html = PickForm({"person": value, "lookup": "person"})["person"].as_field_group()
    assert 'type="radio"' not in html
