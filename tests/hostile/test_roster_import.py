"""The roster import with hostile files and cells: CSV and XLSX upload, preview, confirm,
and the ``import_roster`` command (steering/imports/, steering/imports/views.py)."""

import contextlib
import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import run as run_job
from steering.imports.roster import COLUMNS
from tests.hostile.harness import assert_escaped, rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import KINDS, hostile_date, hostile_text

pytestmark = pytest.mark.django_db

CELL_KINDS = {
    "email": "email",
    "first_name": "text",
    "last_name": "text",
    "title": "text",
    "profession": "choice",
    "workplace": "text",
    "database": "text",
    "role": "choice",
    "region": "choice",
    "appointing_body": "choice",
    "term_start": "date",
    "term_end": "date",
    "term_number": "number",
}


def valid_row(world) -> dict:
    return {
        "email": "ny.leder@import.example",
        "first_name": "Ny",
        "last_name": "Leder",
        "title": "Overlæge",
        "profession": "physician",
        "workplace": "Rigshospitalet",
        "database": world.group.database.slug,
        "role": "member",
        "region": "hovedstaden",
        "appointing_body": "region",
        "term_start": "2026-01-01",
        "term_end": "",
        "term_number": "1",
    }


def hostile_cells() -> st.SearchStrategy[dict]:
    chosen = st.sets(st.sampled_from(sorted(CELL_KINDS)), min_size=1, max_size=3)
    return chosen.flatmap(
        lambda names: st.fixed_dictionaries({n: KINDS[CELL_KINDS[n]]() for n in sorted(names)})
    )


def as_csv(rows: list[dict], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def as_xlsx(rows: list[dict]) -> bytes:
    """An XLSX file; control characters (which XML cannot hold) as their _xHHHH_ escape."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_xlsx_escape(row[c]) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def broken_xlsx(garbage: bytes) -> bytes:
    """A real XLSX zip whose first sheet's XML is not well-formed."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(COLUMNS))
    workbook.active.append(["MARKER"])
    good = io.BytesIO()
    workbook.save(good)
    source, out = zipfile.ZipFile(io.BytesIO(good.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename).replace(b"MARKER", garbage))
    return out.getvalue()


def _xlsx_escape(value: str) -> str:
    return "".join(
        f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else ch for ch in value
    )


def upload_and_confirm(client, name: str, content: bytes) -> None:
    """Upload, take the mapping as detected, preview (writes nothing), then import when the
    preview had no errors. The jobs run here, as the worker would after the commit."""
    upload = SimpleUploadedFile(name, content)
    with rolled_back():
        _response, accepted = submit(
            client, reverse("steering:roster-import"), {}, files={"file": upload}
        )
        if not accepted:
            return
        form = client.get(reverse("steering:roster-import-mapping")).context["form"]
        data = {field: form[field].value() or "" for field in form.fields}
        _response, accepted = submit(client, reverse("steering:roster-import-mapping"), data)
        if not accepted:
            return
        preview = _run_last_job(client, "steering:roster-preview")
        if preview.context["result"].has_errors:
            return
        submit(
            client, reverse("steering:roster-import-confirm", args=[preview.context["job"].pk]), {}
        )
        _run_last_job(client, "steering:roster-result")


def _run_last_job(client, result_view: str):
    job = Job.objects.latest("pk")
    run_job(job.pk)
    page = client.get(reverse(result_view, args=[job.pk]))
    assert page.status_code == 200
    assert_escaped(page.content, f"the page of job {job.pk}")
    return page


@examples(15)
@given(cells=hostile_cells(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_importing_rows_with_hostile_cells(world, cells, fmt):
    row = {**valid_row(world), **cells}
    content = as_csv([row]) if fmt == "csv" else as_xlsx([row])
    upload_and_confirm(world.secretariat, f"roster.{fmt}", content)


@examples(8)
@given(
    markup=st.lists(hostile_text(), min_size=3, max_size=3),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_imported_markup_is_shown_escaped(world, markup, fmt):
    first, last, title = (text[:90] for text in markup)
    row = {**valid_row(world), "first_name": first, "last_name": last, "title": title}
    content = as_csv([row]) if fmt == "csv" else as_xlsx([row])
    upload_and_confirm(world.secretariat, f"roster.{fmt}", content)


FILE_NAMES = st.sampled_from(
    [
        "roster.csv",
        "roster.xlsx",
        "roster.txt",
        "roster.CSV",
        "roster.exe",
        "<script>alert(1)</script>.csv",
        '"><img src=x onerror=alert(1)>.xlsx',
        "../../roster.csv",
        "\u202evsc.exe",
        "a" * 300 + ".csv",
    ]
)
FILE_CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.just(b""),
    st.just(b"\xef\xbb\xbf"),
    st.just(b"PK\x03\x04" + b"\x00" * 100),  # a broken zip
    st.sampled_from([b"a\x00b", b"&#1;", b"<bad", b"\xff\xfe"]).map(broken_xlsx),
    st.just(b"email;first_name\n\x00\n"),
    st.just("æøå".encode("latin-1")),
    st.just(b",".join(c.encode() for c in COLUMNS) + b"\n"),  # a header and no rows
    st.lists(hostile_text(), min_size=1, max_size=5).map(lambda cells: "\n".join(cells).encode()),
)


@examples(15)
@given(name=FILE_NAMES, content=FILE_CONTENTS)
def test_uploading_files_that_are_not_rosters(world, name, content):
    upload_and_confirm(world.secretariat, name, content)


@examples(6)
@given(number=st.integers(min_value=1, max_value=2**31 - 1), data=hostile_cells())
def test_confirming_a_preview_that_is_not_there(world, number, data):
    with rolled_back():
        url = reverse("steering:roster-import-confirm", args=[number])
        response, _accepted = submit(world.secretariat, url, data)
    assert response.status_code == 404  # nothing imported, nothing to learn


@examples(6)
@given(start=hostile_date(), delimiter=st.sampled_from([",", ";", "\t"]))
def test_the_command_refuses_hostile_rows_without_a_traceback(world, tmp_path, start, delimiter):
    path = tmp_path / "roster.csv"
    path.write_bytes(as_csv([{**valid_row(world), "term_start": start}], delimiter))
    # The row's error is a CommandError; anything else fails the test.
    with rolled_back(), contextlib.suppress(CommandError):
        call_command("import_roster", str(path), "--dry-run", stdout=io.StringIO())


@pytest.mark.parametrize("garbage", [b"a\x00b", b"&#1;", b"<bad", b"\xff\xfe"])
def test_an_xlsx_with_broken_xml_is_refused_with_a_message(world, garbage):
    upload = SimpleUploadedFile("roster.xlsx", broken_xlsx(garbage))
    with rolled_back():
        response, accepted = submit(
            world.secretariat, reverse("steering:roster-import"), {}, files={"file": upload}
        )
    assert not accepted
    assert response.context["form"].errors["file"] == ["The file is not a readable XLSX workbook."]
