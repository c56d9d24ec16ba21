"""The checks of the hostile suite can fail: each one is shown a case it must catch."""

import pytest
from django.http import HttpResponse

from rkkp_portal.spreadsheets import neutralise
from steering.models import Person
from tests import factories
from tests.hostile.harness import (
    assert_escaped,
    assert_no_formulas,
    changed_tables,
    rolled_back,
    snapshot,
)
from tests.hostile.strategies import IMG, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", [SCRIPT, IMG])
def test_an_unescaped_payload_is_caught(payload):
    with pytest.raises(AssertionError, match="unescaped"):
        assert_escaped(f"<p>{payload}</p>")
    assert_escaped("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")


def test_the_snapshot_sees_an_update_that_keeps_the_row_count():
    person = factories.PersonFactory()
    with rolled_back():
        before = snapshot()
        Person.objects.filter(pk=person.pk).update(title="Ændret")
        assert changed_tables(before, snapshot()) == ["steering_person"]
    assert Person.objects.get(pk=person.pk).title == person.title  # rolled back


def test_the_snapshot_watches_historical_tables():
    before = snapshot()
    assert "steering_historicalperson" in before
    assert "steering_historicalmembership" in before


def test_a_formula_in_a_csv_is_caught_and_neutralised():
    import tablib

    dataset = tablib.Dataset(["=1+1", "Karen"], headers=["a", "b"])
    raw = HttpResponse(dataset.export("csv"), content_type="text/csv")
    with pytest.raises(AssertionError, match="formula injection"):
        assert_no_formulas(raw)
    assert_no_formulas(HttpResponse(neutralise(dataset).export("csv"), content_type="text/csv"))


def test_a_formula_in_an_xlsx_is_caught():
    import tablib

    dataset = tablib.Dataset(["=1+1"], headers=["a"])
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with pytest.raises(AssertionError, match="formula injection"):
        assert_no_formulas(HttpResponse(dataset.export("xlsx"), content_type=content_type))
    assert_no_formulas(HttpResponse(neutralise(dataset).export("xlsx"), content_type=content_type))
