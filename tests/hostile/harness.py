"""Driving a view with one hostile example and checking the three promises of #10 point 7:
never a 500, nothing written on rejection, nothing rendered unescaped."""

import contextlib
import hashlib
import io
import zipfile

from django.apps import apps
from django.db import connection, transaction
from hypothesis import event
from hypothesis.control import currently_in_test_context

from tests.hostile.strategies import MARKERS

# Tables every request may touch whatever it is asked: the session, and the record of
# sign-ins, where a refused sign-in is written by design (rkkp_portal/accounts/signins.py).
UNWATCHED = {"django_session", "accounts_signinevent"}
WATCHED_APPS = {
    "steering",
    "regions",
    "representatives",
    "accounts",
    "account",
    "mfa",
    "auth",
    "admin",
}


def watched_tables() -> list[str]:
    """Every project model's table, historical tables included (they are models too)."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in WATCHED_APPS and model._meta.managed
    }
    return sorted(tables - UNWATCHED)


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row of every watched table.

    Plain ``SELECT *`` hashed here, so it reads the same on PostgreSQL and SQLite.
    """
    found = {}
    with connection.cursor() as cursor:
        for table in watched_tables():
            # Table names come from the model registry, quoted; nothing here comes from a user.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(map(repr, cursor.fetchall()))
            digest = hashlib.md5("|".join(rows).encode(), usedforsecurity=False).hexdigest()
            found[table] = (len(rows), digest)
    return found


def changed_tables(before: dict, after: dict) -> list[str]:
    return [t for t in before if before[t] != after[t]]


@contextlib.contextmanager
def rolled_back():
    """One example's writes disappear afterwards, whatever happened inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_escaped(content: bytes | str, where: str = "the response") -> None:
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} is rendered unescaped in {where}"


def assert_not_500(response, data=None) -> None:
    assert response.status_code < 500, (
        f"{response.status_code} for {response.request.get('PATH_INFO')} with {data!r:.2000}"
    )


def new_letters_escaped(since_pk: int) -> None:
    """Letters written by the example: their HTML bodies escape what users typed."""
    from steering.models import Message

    for pk, html in Message.objects.filter(pk__gt=since_pk).values_list("pk", "body_html"):
        assert_escaped(html, f"the HTML body of letter {pk}")


def last_letter_pk() -> int:
    from steering.models import Message

    return Message.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def submit(client, url: str, data: dict, *, method: str = "post", files: dict | None = None):
    """Send one example; return the final response and whether the form was accepted.

    A redirect means the form was accepted: the page it leads to is fetched and must escape
    what was saved, and so must any letter written. Anything else is a rejection (or a page
    that only shows), and then not one row may have changed.
    """
    before = snapshot()
    letters_before = last_letter_pk()
    payload = {**data, **(files or {})}
    response = getattr(client, method)(url, payload)
    assert_not_500(response, data)
    accepted = response.status_code in (301, 302, 303)
    _statistics(method, response, accepted)
    if accepted:
        location = response["Location"]
        if location.startswith("/"):
            page = client.get(location)
            assert_not_500(page, data)
            assert_escaped(page.content, f"the page after saving ({location})")
        new_letters_escaped(letters_before)
    else:
        changed = changed_tables(before, snapshot())
        assert not changed, f"a rejected {method.upper()} to {url} changed {changed}"
        if _is_html(response):
            assert_escaped(response.content)
    return response, accepted


def _statistics(method: str, response, accepted: bool) -> None:
    """What happened, for ``--hypothesis-show-statistics``: does the suite get deep enough?"""
    if not currently_in_test_context():
        return
    event(f"{method.upper()} {'accepted' if accepted else response.status_code}")
    form = (response.context or {}).get("form") if response.context else None
    if not accepted and form is not None and getattr(form, "errors", None):
        event(f"rejected on {', '.join(sorted(form.errors))}")


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cells(response) -> list[str]:
    """Every text cell of a CSV or XLSX response."""
    content_type = response["Content-Type"]
    if content_type.startswith("text/csv"):
        import csv

        text = response.content.decode("utf-8-sig")
        delimiter = (
            ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        )
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    from openpyxl import load_workbook

    assert zipfile.is_zipfile(io.BytesIO(response.content))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cells.append("=" + str(cell.value).lstrip("="))
                elif isinstance(cell.value, str):
                    cells.append(cell.value)
    return cells


def assert_no_formulas(response) -> None:
    """No cell a spreadsheet would run: text starting with =, +, -, @ is quoted."""
    for cell in spreadsheet_cells(response):
        assert not cell.startswith(FORMULA_STARTS), f"formula injection: {cell[:80]!r}"
