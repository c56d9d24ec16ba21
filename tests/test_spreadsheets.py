"""One spreadsheet dialect for Danish Excel in every export: CSV with ``;``, UTF-8 with a
byte-order mark and a decimal comma; XLSX with typed cells (dates as dates, amounts as
numbers), each with a number format."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from rkkp_portal import spreadsheets


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_the_buyout_report_csv_has_a_decimal_comma_and_iso_dates(
    client, secretariat, approved_buyout
):
    client.force_login(secretariat)
    rows = read_csv(client.get("/regions/buyout-report/?year=2026&format=csv"))
    header, first = rows[0], rows[1]
    assert len(header) == 13  # one column per field: the file is split at ";"
    assert first[header.index("Fra")] == "2026-01-01"
    assert first[header.index("Årligt beløb (kr.)")] == "180000,00"
    assert rows[-1][-1] == "180000,00"


def test_the_buyout_report_xlsx_stores_dates_as_dates_and_amounts_as_numbers(
    client, secretariat, approved_buyout
):
    client.force_login(secretariat)
    sheet = read_xlsx(client.get("/regions/buyout-report/?year=2026&format=xlsx"))
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    start = row["Fra"]
    assert start.is_date and start.value == datetime.datetime(2026, 1, 1)
    assert start.number_format == spreadsheets.DATE_FORMAT
    amount = row["Årligt beløb (kr.)"]
    assert amount.data_type == "n" and amount.value == 180000
    assert amount.number_format == "#,##0.00"
    assert row["Dage i 2026"].value == 365 and row["Dage i 2026"].data_type == "n"
    total = list(sheet.rows)[-1][-1]
    assert total.data_type == "n" and total.value == 180000


def test_the_roster_xlsx_stores_terms_as_dates(client, secretariat, member_seat):
    client.force_login(secretariat)
    url = reverse("steering:roster-export", args=[member_seat.group.database.slug, "xlsx"])
    sheet = read_xlsx(client.get(url))
    header = [cell.value for cell in sheet[1]]
    start = sheet[2][header.index("term_start")]
    assert start.is_date and start.value.date() == member_seat.term_start


@pytest.mark.parametrize(
    "url",
    [
        "/databases.csv",
        "/people.csv",
        "/compliance.csv",
        "/meetings/attendance/?format=csv",
        "/regions/buyout-report/?year=2026&format=csv",
    ],
)
def test_every_csv_export_is_split_at_semicolons(client, secretariat, member_seat, url):
    client.force_login(secretariat)
    header = read_csv(client.get(url))[0]
    assert len(header) > 2 and not any("," in name for name in header)


def test_the_personal_data_csv_uses_the_same_dialect(client, secretariat, member_seat):
    client.force_login(secretariat)
    url = reverse("steering:person-data-export", args=[member_seat.person.pk, "csv"])
    assert read_csv(client.get(url))[0] == ["section", "record", "field", "label", "value"]


def test_a_csv_cell_is_written_as_danish_excel_reads_it():
    assert spreadsheets.csv_cell(Decimal("1234.5")) == "1234,5"
    assert spreadsheets.csv_cell(datetime.date(2026, 1, 15)) == "2026-01-15"
    assert spreadsheets.csv_cell(None) == ""
    assert spreadsheets.csv_cell(7) == "7"


def test_the_roster_sample_opens_in_danish_excel_and_imports(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("steering:roster-import-sample"))
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert header[:3] == ["email", "first_name", "last_name"]
