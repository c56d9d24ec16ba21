"""Lists as spreadsheets: CSV (UTF-8 with a byte-order mark, so Excel keeps æ, ø and å)
and XLSX, built with tablib, with every text cell made inert for spreadsheet programs."""

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


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def respond(dataset: tablib.Dataset, fmt: str, basename: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    dataset = neutralise(dataset)
    if fmt == "csv":
        content: bytes = ("\ufeff" + dataset.export("csv")).encode("utf-8")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.{fmt}"'
    return response
