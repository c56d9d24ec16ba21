"""How the roster import reads what people write: headers in Danish or English whatever
their case and letters, full names, roles, regions and databases. (Whole rosters through the
pages and the command: tests/steering/test_import_shapes.py.)"""

import pytest

from steering.imports import columns, values
from tests import factories


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Fulde navn", "full_name"),
        ("E-MAIL", "email"),
        ("e_mail", "email"),
        ("Ansættelsessted", "workplace"),
        ("ansaettelses-sted", "workplace"),
        ("Udløb", "term_end"),
        ("udlob", "term_end"),
        ("UDLOEB", "term_end"),
        ("Periode nr.", "term_number"),
        ("periode_start", "term_start"),
        ("Udpeget af", "appointing_body"),
        ("Observationer", ""),
    ],
)
def test_headers_are_read_whatever_their_case_spacing_and_danish_letters(header, column):
    assert columns.detect([header]) == [column]


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Anna Marie Holm", "Anna Marie", "Holm"),
        ("Jan van der Berg", "Jan", "van der Berg"),
        ("Ursula von Leyen", "Ursula", "von Leyen"),
        ("Peter  de Vries", "Peter", "de Vries"),
        ("Holm, Anna Marie", "Anna Marie", "Holm"),
        ("Karl-Erik Møller-Hansen", "Karl-Erik", "Møller-Hansen"),
        ("Madonna", "Madonna", ""),
    ],
)
def test_a_full_name_is_split_into_first_and_last_name(full, first, last):
    assert columns.split_name(full) == (first, last)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Formand", "chair"),
        ("medformand", "chair"),
        ("Regionalt medlem", "member"),
        ("patient-/pårørenderepræsentant", "patient"),
        ("Pårørenderepræsentant", "patient"),
        ("ledelsesrepræsentant", "leadership"),
        ("Kommunal repræsentant", "municipal"),
        ("observatør", "observer"),
        ("society", "society"),
    ],
)
def test_roles_are_read_in_danish_or_as_codes(written, code):
    assert values.roles().match(written) == code


@pytest.mark.django_db
def test_regions_and_databases_are_read_by_name_short_name_or_code():
    factories.GroupFactory(
        database__name="Dansk Hoftealloplastik Register",
        database__acronym="DHR",
        database__slug="dhr",
    )
    regions = values.regions()
    for written in (
        "Region Midtjylland",
        "midtjylland",
        "Midtjylland",
        "RM",
        "Central Denmark Region",
    ):
        assert regions.match(written) == "midtjylland"
    databases = values.databases()
    for written in (
        "DHR",
        "dhr",
        "Dansk Hoftealloplastik Register",
        "dansk-hoftealloplastik register",
    ):
        assert databases.match(written) == "dhr"
