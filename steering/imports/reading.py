"""Reading a roster file (CSV or XLSX) into rows of text, refusing what is not a roster."""

import csv
import datetime
import io
import itertools
import zipfile

from django.utils.translation import gettext as _

from rkkp_portal.spreadsheets import QUOTED_FORMULA
from steering.imports import columns

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A workbook is a zip: 5 MB of it can unpack to gigabytes (a "zip bomb"). A roster of
# MAX_ROWS rows unpacks to a few MB; more than this, or more parts than a workbook has,
# is refused before anything is unpacked. zipfile never reads past a part's declared
# size (a part that lies fails its CRC check), so the declared sizes bound the work.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_WORKBOOK_PARTS = 100
# Rows read from a sheet before giving up, blank ones included, and columns read of each:
# a sheet's declared dimension (up to XFD1048576) would otherwise make openpyxl pad every
# row, and a gap before row 1,000,000 yield every blank row in between.
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_COLUMNS = 64
# A workbook's parts are stored or deflated: the only two methods the package format of
# XLSX (ISO/IEC 29500-2, annex C) allows and the only ones Excel writes. Anything else
# (bzip2, LZMA, Deflate64 …) was not written by a spreadsheet program.
WORKBOOK_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
ZIP_ENCRYPTED = 0x1  # general-purpose flag bit 0: the part is encrypted
# An encrypted workbook is not a zip at all: Office wraps it in a compound file (OLE2),
# the container of old .xls files too, holding a stream named "EncryptedPackage".
COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class RosterFileError(Exception):
    """The file as a whole cannot be imported; the message says why."""


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise RosterFileError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB.")
            % {"size": size / (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)}
        )


def read_table(content: bytes, filename: str) -> dict:
    """The file's header and its non-blank rows, each with its spreadsheet row number.

    ``{"header": [...], "rows": [[number, [cell, ...]], ...]}``: plain lists, so the table
    can wait in the session or a job between the steps of an import."""
    check_size(len(content))
    if not content.strip():
        raise RosterFileError(_("The file is empty."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_table(content)
    else:
        raise RosterFileError(_("Upload a CSV or XLSX file."))
    if not table:
        raise RosterFileError(_("The file is empty."))
    rows = [
        [number, [_unquote(cell.strip()) for cell in cells]]
        for number, cells in enumerate(table[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise RosterFileError(_("The roster has no rows below its header."))
    if len(rows) > MAX_ROWS:
        raise RosterFileError(_("At most %d rows can be imported at a time.") % MAX_ROWS)
    return {"header": [cell.strip() for cell in table[0]], "rows": rows}


def rows_from(table: dict, mapping: list[str]) -> list[dict]:
    """Each row as a dict keyed by the import's column names (``columns.COLUMNS``), plus
    ``row``, its spreadsheet row number. A full name fills first and last names left blank.
    """
    rows = []
    for number, cells in table["rows"]:
        row = dict.fromkeys(columns.COLUMNS, "")
        for index, column in enumerate(mapping):
            if column and index < len(cells):
                row[column] = cells[index]
        if row["full_name"] and not (row["first_name"] or row["last_name"]):
            row["first_name"], row["last_name"] = columns.split_name(row["full_name"])
        row["row"] = number
        rows.append(row)
    return rows


def read_rows(content: bytes, filename: str) -> list[dict]:
    """The file's rows by the columns its header names, refusing a file that is no roster."""
    table = read_table(content, filename)
    mapping = columns.detect(table["header"])
    missing = columns.missing(mapping)
    if missing:
        raise RosterFileError(missing_columns(missing))
    return rows_from(table, mapping)


def missing_columns(missing: list[str]) -> str:
    return _("This file is not a roster: it has no column for %s.") % ", ".join(
        str(columns.COLUMN_LABELS[column]).lower() for column in missing
    )


def _unquote(cell: str) -> str:
    """Undo the export's guard against formulas ('=x becomes =x), so a roster round-trips."""
    if QUOTED_FORMULA.match(cell):
        return cell[1:]
    return cell


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterFileError(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from None
    if "\x00" in text:
        raise RosterFileError(_("This file is not a roster: it is not a text file."))
    first_line = text.splitlines()[0] if text.splitlines() else ""
    # Danish Excel writes semicolons; other tools commas.
    delimiter = max(";,\t", key=first_line.count)
    # newline="" leaves line ends to the csv module, which knows all three (\r\n, \n and
    # the \r alone of "CSV for Macintosh") and keeps a line break inside quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table, row_starts_on = [], 1
    try:
        for cells in reader:
            table.append(cells)
            row_starts_on = reader.line_num + 1
    except csv.Error as error:
        # The csv module refuses a cell longer than its field limit (131,072 characters),
        # which in a roster nearly always means a quote opened and never closed.
        if "field limit" in str(error):
            raise RosterFileError(
                _(
                    "The row on line %(line)d has a cell of more than %(limit)d characters."
                    " A roster's cells are short: check that every quote (\") is closed."
                )
                % {"line": row_starts_on, "limit": csv.field_size_limit()}
            ) from None
        raise RosterFileError(
            _("The CSV file cannot be read at line %(line)d. Save it again as “CSV UTF-8”.")
            % {"line": row_starts_on}
        ) from None
    return table


def _check_compound_file(content: bytes) -> None:
    if not content.startswith(COMPOUND_FILE):
        return
    if ENCRYPTED_PACKAGE in content:
        raise RosterFileError(_encrypted())
    raise RosterFileError(
        _(
            "This is an older Excel file (.xls), not an XLSX workbook. Save it as “Excel"
            " Workbook (.xlsx)” or as CSV and try again."
        )
    )


def _encrypted() -> str:
    return _(
        "The workbook is protected with a password, so it cannot be read. Remove the"
        " password in Excel (File › Info › Protect Workbook) or save the roster as CSV, and"
        " try again."
    )


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    if any(part.flag_bits & ZIP_ENCRYPTED for part in parts):
        raise RosterFileError(_encrypted())
    if any(part.compress_type not in WORKBOOK_COMPRESSION for part in parts):
        raise RosterFileError(
            _(
                "The workbook is packed in a way Excel does not write, so it cannot be read."
                " Open it and save it again as “Excel Workbook (.xlsx)”, or as CSV."
            )
        )


def _check_unpacked_size(content: bytes) -> None:
    _check_compound_file(content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RosterFileError(_("The file is not a readable XLSX workbook.")) from None
    _check_parts(parts)
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_WORKBOOK_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise RosterFileError(
            _(
                "The workbook unpacks to %(size)d MB in %(parts)d parts; a roster unpacks to"
                " at most %(limit)d MB. Save the roster alone in a new workbook, or as CSV."
            )
            % {
                "size": unpacked // (1024 * 1024),
                "parts": len(parts),
                "limit": MAX_UNPACKED_BYTES // (1024 * 1024),
            }
        )


def _xlsx_table(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_unpacked_size(content)
    # A read-only workbook parses its sheet's XML while the rows are read, so a zip with
    # broken XML inside (ParseError, a SyntaxError) fails in the loop, not on opening.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            table = [
                [_cell_text(value) for value in row]
                for row in itertools.islice(rows, MAX_SHEET_ROWS + 1)
            ]
        finally:
            workbook.close()
    # zipfile's NotImplementedError (a method it cannot read) and RuntimeError (a part it
    # cannot decrypt) are checked for above; caught here too, as a last resort.
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        IndexError,
        SyntaxError,
        NotImplementedError,
        RuntimeError,
    ):
        raise RosterFileError(_("The file is not a readable XLSX workbook.")) from None
    if len(table) > MAX_SHEET_ROWS:
        raise RosterFileError(_("At most %d rows can be imported at a time.") % MAX_ROWS)
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
