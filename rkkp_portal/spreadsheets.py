"""Lists as spreadsheets, in one dialect for Danish Excel everywhere.

CSV: ``;`` between cells, UTF-8 with a byte-order mark (so Excel keeps æ, ø and å), a
decimal comma and dates as ``2026-01-15`` (which Excel reads as a date in any language).
XLSX: typed cells, dates as dates and amounts as numbers, each with a number format, so
the sheet can be sorted and summed. Every text cell is made inert for spreadsheet programs.
"""

import csv
import datetime
import decimal
import io
import re

import tablib
from django.http import Http404, HttpResponse
from django.utils import timezone

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV
# injection); a leading apostrophe makes it text. The roster import removes it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Text that already looks quoted ('=x, ''=x) is quoted once more, so that the import, which
# takes one apostrophe off exactly these, gives back what was typed.
QUOTED_FORMULA = re.compile(r"'+[=+\-@]")


# Control characters XML cannot hold: openpyxl refuses to write them, so one typed into a
# name (an escape sequence pasted from a terminal, say) would break the whole XLSX.
ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Excel's built-in format 14 ("mm-dd-yy" in the file) is shown in the reader's own short
# date format: 15-01-2026 in Danish Excel, 15/01/2026 or 1/15/2026 elsewhere.
DATE_FORMAT = "mm-dd-yy"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
AMOUNT_FORMAT = "#,##0.00"  # separators follow the reader's locale: 180.000,00 in Danish
INTEGER_FORMAT = "0"


class ExcelDialect(csv.excel):
    """Danish Excel splits a line at semicolons, not commas."""

    delimiter = ";"


def spreadsheet_text(value):
    """The value, made inert if it is text a spreadsheet would read as a formula, and
    without the control characters a spreadsheet cannot contain."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_IN_XML.sub("", value)
    if value.startswith(FORMULA_STARTS) or QUOTED_FORMULA.match(value):
        return "'" + value
    return value


def neutralise(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset in which no text cell is a formula."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([spreadsheet_text(value) for value in row])
    return safe


def csv_cell(value) -> str:
    """One value as Danish Excel reads it from a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, float)):
        return str(value).replace(".", ",")
    return str(value)


def csv_writer(stream):
    """A csv writer in the portal's dialect; the caller writes the byte-order mark."""
    return csv.writer(stream, dialect=ExcelDialect)


def csv_bytes(dataset: tablib.Dataset) -> bytes:
    dataset = neutralise(dataset)
    out = io.StringIO()
    writer = csv_writer(out)
    if dataset.headers:
        writer.writerow([csv_cell(h) for h in dataset.headers])
    for row in dataset:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_cell(cell, value) -> None:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)  # Excel has no time zones: local time
        cell.value, cell.number_format = value, DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value, cell.number_format = value, DATE_FORMAT
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, (decimal.Decimal, float)):
        cell.value, cell.number_format = float(value), AMOUNT_FORMAT
    elif isinstance(value, int):
        cell.value, cell.number_format = value, INTEGER_FORMAT
    else:
        cell.value = None if value is None else str(value)


def xlsx_bytes(dataset: tablib.Dataset) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    dataset = neutralise(dataset)
    workbook = Workbook()
    sheet = workbook.active
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", str(dataset.title or "Sheet"))[:31] or "Sheet"
    row_number = 1
    if dataset.headers:
        for column, header in enumerate(dataset.headers, start=1):
            sheet.cell(row=1, column=column, value=str(header)).font = Font(bold=True)
        sheet.freeze_panes = "A2"
        row_number = 2
    for row in dataset:
        for column, value in enumerate(row, start=1):
            _xlsx_cell(sheet.cell(row=row_number, column=column), value)
        row_number += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_bytes),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_bytes),
}


def respond(
    dataset: tablib.Dataset, fmt: str, basename: str, *, stamp: bool = True
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, render_as = FORMATS[fmt]
    response = HttpResponse(render_as(dataset), content_type=content_type)
    suffix = f"-{timezone.localdate().isoformat()}" if stamp else ""
    response["Content-Disposition"] = f'attachment; filename="{basename}{suffix}.{fmt}"'
    return response
