"""Roster import: preview, confirm, all-or-nothing, idempotent, clear errors by row and column."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
import tablib
from django.core.management import CommandError, call_command
from django.urls import reverse

from steering.imports import roster
from steering.imports.reading import (
    MAX_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_WORKBOOK_PARTS,
    RosterFileError,
    read_rows,
)
from steering.models import Membership, Person, SteeringGroup
from tests import factories
from tests.steering import roster_files
from tests.steering.roster_flow import Flow, sample_register
from tests.uploads import spy_on_kept_bytes

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "steering" / "import_samples" / "roster_sample.csv"
HEADER = ",".join(roster.COLUMNS)


@pytest.fixture
def register():
    sample_register()


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def flow(as_secretariat, django_capture_on_commit_callbacks):
    return Flow(as_secretariat, django_capture_on_commit_callbacks)


def _counts():
    return (Person.objects.count(), Membership.objects.count(), Person.history.count())


def test_the_sample_file_previews_then_imports_through_the_services(flow, register, secretariat):
    preview = flow.preview(SAMPLE.read_bytes(), "roster_sample.csv")
    assert preview.status_code == 200
    assert [r.outcome for r in preview.context["result"].rows] == [
        roster.Outcome.NEW_PERSON_AND_SEAT
    ] * 3
    assert _counts() == (0, 0, 0)  # the preview writes nothing
    response = flow.confirm(preview)
    assert response.context["result"].committed
    søren = Person.objects.get(email="soren.aalund@import.example")
    assert søren.last_name == "Ålund" and søren.region.code == "syddanmark"
    seat = søren.memberships.get()
    assert seat.role == "member" and seat.representing_region.code == "syddanmark"
    assert seat.history.get().history_user == secretariat  # written by the services


def test_importing_the_same_file_again_changes_nothing(flow, register):
    flow.confirm(flow.preview(SAMPLE.read_bytes()))
    before = (_counts(), Membership.history.count())
    preview = flow.preview(SAMPLE.read_bytes())
    assert {r.outcome for r in preview.context["result"].rows} == {roster.Outcome.UNCHANGED}
    flow.confirm(preview)
    assert (_counts(), Membership.history.count()) == before


def test_a_changed_row_updates_the_matched_seat(flow, register):
    flow.confirm(flow.preview(SAMPLE.read_bytes()))
    changed = SAMPLE.read_text().replace("2028-05-31", "2028-12-31").encode()
    preview = flow.preview(changed)
    outcomes = [r.outcome for r in preview.context["result"].rows]
    assert outcomes == [roster.Outcome.UNCHANGED, roster.Outcome.UNCHANGED, roster.Outcome.UPDATED]
    flow.confirm(preview)
    seat = Membership.objects.get(person__email="anne.holm@import.example")
    assert seat.term_end.isoformat() == "2028-12-31" and Membership.objects.count() == 3


def test_errors_are_reported_by_row_and_column_and_nothing_is_written(flow, register):
    content = "\n".join(
        [
            HEADER,
            "good@import.example,Good,Row,,,,dmd,chair,,,2024-01-01,,",
            "not-an-email,Bad,Email,,,,dmd,chair,,,2024-01-01,,",
            "x@import.example,Bad,Role,,,,dmd,king,,,01/13/2024,,",
            "y@import.example,No,Region,,,,dmd,member,,,2024-01-01,,",
            "z@import.example,Ends,Early,,,,nope,chair,,,2024-01-01,2023-01-01,",
        ]
    ).encode()
    preview = flow.preview(content)
    rows = preview.context["result"].rows
    assert rows[0].errors == []
    assert [c for c, _ in rows[1].errors] == ["email"]
    assert {c for c, _ in rows[2].errors} == {"role", "term_start"}
    assert rows[3].errors == [("region", "A regional member must represent a region.")]
    assert {c for c, _ in rows[4].errors} == {"database"}
    assert "Confirm the import" not in preview.text
    assert _counts() == (0, 0, 0)


def test_the_import_is_all_or_nothing_even_when_confirmed(flow, register):
    content = f"{HEADER}\na@import.example,A,B,,,,dmd,chair,,,2024-01-01,,\n".encode()
    preview = flow.preview(content)
    # Between preview and confirmation someone takes the e-mail's seat elsewhere.
    person = factories.PersonFactory(email="a@import.example")
    dmd = SteeringGroup.objects.get(database__slug="dmd")
    factories.MembershipFactory(person=person, group=dmd, role="member")
    response = flow.confirm(preview)
    assert not response.context["result"].committed
    assert response.context["result"].has_errors
    assert not dmd.memberships.filter(role="chair").exists()


def test_an_xlsx_roster_is_read_like_a_csv(flow, register):
    dataset = tablib.Dataset(headers=list(roster.COLUMNS))
    dataset.append(
        [
            "x@import.example",
            "Xia",
            "Øst",
            "",
            "",
            "",
            "DMD",
            "patient",
            "",
            "",
            "2025-01-01",
            "",
            1,
        ]
    )
    preview = flow.preview(dataset.export("xlsx"), "roster.xlsx")
    assert preview.context["result"].rows[0].outcome == roster.Outcome.NEW_PERSON_AND_SEAT


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"x" * (MAX_BYTES * 2), "big.csv", "too large"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image.csv", "not UTF-8"),
        (b"PK\x03\x04garbage", "broken.xlsx", "not a readable XLSX"),
        (SAMPLE.read_bytes(), "roster.pdf", "CSV or XLSX"),
        (HEADER.encode() + b"\n", "empty.csv", "no rows"),
    ],
)
def test_files_that_are_not_rosters_are_refused_with_a_clear_message(
    flow, register, content, name, message
):
    response = flow.upload(content, name)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert _counts() == (0, 0, 0)


def test_the_reader_accepts_semicolons_and_a_byte_order_mark():
    content = "\ufeff" + HEADER.replace(",", ";") + "\nA@B.dk;A;B;;;;dmd;chair;;;2024-01-01;;\n"
    rows = read_rows(content.encode(), "r.csv")
    assert rows[0]["email"] == "A@B.dk" and rows[0]["role"] == "chair"
    with pytest.raises(RosterFileError):
        read_rows(b"", "r.csv")


def test_the_mapping_without_an_upload_asks_for_the_file_again(as_secretariat):
    response = as_secretariat.get(reverse("steering:roster-import-mapping"))
    assert response.status_code == 302 and response["Location"] == reverse("steering:roster-import")


def test_a_file_without_the_required_columns_is_refused_on_the_mapping_page(flow, register):
    page = flow.mapping(b"name,price\nApple,3\n", "fruit.csv")
    response = flow.choose(page)
    assert response.status_code == 200
    assert "No column is read as e-mail, database, role, term start" in str(
        response.context["form"].non_field_errors()
    )


def test_the_command_dry_run_writes_nothing_and_the_real_run_imports(register):
    out = io.StringIO()
    call_command("import_roster", str(SAMPLE), "--dry-run", stdout=out)
    assert "row 2: New person and new seat" in out.getvalue() and _counts() == (0, 0, 0)
    call_command("import_roster", str(SAMPLE), stdout=io.StringIO())
    assert Membership.objects.count() == 3
    call_command("import_roster", str(SAMPLE), stdout=io.StringIO())
    assert Membership.objects.count() == 3


def test_the_command_refuses_a_roster_with_errors(register, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\nbad,A,B,,,,dmd,chair,,,2024-01-01,,\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_roster", str(bad), stdout=io.StringIO())
    assert _counts() == (0, 0, 0)


def _workbook(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_to_far_more_than_a_roster_is_refused_unopened(flow, register):
    """A zip bomb: 25 MB of one byte packs into a few dozen KB."""
    bomb = _workbook({"xl/worksheets/sheet1.xml": b" " * (MAX_UNPACKED_BYTES + 5 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    response = flow.upload(bomb, "bomb.xlsx")
    assert response.status_code == 200
    assert "unpacks to 25 MB" in str(response.context["form"].errors["file"])
    assert _counts() == (0, 0, 0)
    many_parts = _workbook({f"xl/part{n}.xml": b"<a/>" for n in range(MAX_WORKBOOK_PARTS + 1)})
    with pytest.raises(RosterFileError, match=r"\b101\b"):
        read_rows(many_parts, "parts.xlsx")


def test_a_sheet_that_declares_a_huge_range_is_read_only_as_far_as_a_roster_goes():
    """A tiny sheet claiming A1:XFD1048576, with one cell in its last row: openpyxl would
    pad a million rows of 16,384 columns each."""
    dataset = tablib.Dataset(headers=HEADER.split(","))
    dataset.append(["a@b.dk", "A", "B", "", "", "", "dmd", "chair", "", "", "2024-01-01", "", ""])
    with zipfile.ZipFile(io.BytesIO(dataset.export("xlsx"))) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, replaced = re.subn(
        r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', sheet
    )
    assert replaced == 1
    sheet = sheet.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with pytest.raises(RosterFileError, match="5000"):
        read_rows(_workbook(parts), "huge.xlsx")


def test_a_csv_with_carriage_returns_alone_reads_like_any_other(flow, register):
    """Excel for Mac's "CSV for Macintosh" ends its lines with \\r alone."""
    content = "\r".join([HEADER, ",".join(roster_files.ROW), ""]).encode()
    preview = flow.preview(content, "mac.csv")
    assert preview.status_code == 200
    assert [row.outcome for row in preview.context["result"].rows] == [
        roster.Outcome.NEW_PERSON_AND_SEAT
    ]


LONG_CELL = "x" * (csv.field_size_limit() + 1)
WORKBOOK = roster_files.workbook()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        pytest.param(
            f"{HEADER}\n{LONG_CELL},A\n".encode(), "long.csv", "line 2 has a cell", id="long-cell"
        ),
        pytest.param(
            f'{HEADER}\n"a@b.dk,A\n{LONG_CELL}\n'.encode(),
            "open-quote.csv",
            "every quote",
            id="unclosed-quote",
        ),
        pytest.param(
            roster_files.with_encryption_flag(WORKBOOK), "locked.xlsx", "password", id="zip-crypto"
        ),
        pytest.param(
            roster_files.compound_file("EncryptionInfo", "EncryptedPackage"),
            "locked.xlsx",
            "password",
            id="office-encrypted",
        ),
        pytest.param(roster_files.compound_file("Workbook"), "old.xlsx", "(.xls)", id="xls"),
        pytest.param(
            roster_files.repacked(WORKBOOK, zipfile.ZIP_BZIP2), "b.xlsx", "packed", id="bzip2"
        ),
        pytest.param(
            roster_files.repacked(WORKBOOK, zipfile.ZIP_LZMA), "l.xlsx", "packed", id="lzma"
        ),
        pytest.param(roster_files.with_method(WORKBOOK, 9), "d.xlsx", "packed", id="deflate64"),
    ],
)
def test_a_malformed_file_gets_a_clear_message_on_the_form(flow, register, content, name, message):
    response = flow.upload(content, name)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert _counts() == (0, 0, 0)


def test_the_built_workbooks_differ_from_a_good_one_only_as_named():
    """The malformed workbooks are the good one with one thing changed."""
    assert read_rows(WORKBOOK, "good.xlsx")[0]["email"] == "a@b.dk"
    with zipfile.ZipFile(io.BytesIO(roster_files.repacked(WORKBOOK, zipfile.ZIP_BZIP2))) as z:
        assert {part.compress_type for part in z.infolist()} == {zipfile.ZIP_BZIP2}
        assert z.read("[Content_Types].xml")
    with zipfile.ZipFile(io.BytesIO(roster_files.with_method(WORKBOOK, 9))) as z:
        assert {part.compress_type for part in z.infolist()} == {9}
    with zipfile.ZipFile(io.BytesIO(roster_files.with_encryption_flag(WORKBOOK))) as z:
        assert all(part.flag_bits & 0x1 for part in z.infolist())


def test_a_file_past_the_limit_is_refused_as_it_arrives_with_a_message_on_the_form(
    flow, register, monkeypatch
):
    """Not kept in memory or a temporary file past 5 MB: 15 MB arrive, at most 5 are kept."""
    kept = spy_on_kept_bytes(monkeypatch)

    response = flow.upload(b"x" * (MAX_BYTES * 3), "big.csv")

    assert response.status_code == 200
    assert "too large (15.0 MB); the limit is 5 MB" in str(response.context["form"].errors["file"])
    assert 0 < sum(kept) <= MAX_BYTES
    assert _counts() == (0, 0, 0)
