"""Issue #10 point 6: every URL pattern × every persona → the expected status, GET and POST.

A URL pattern without a row fails ``test_every_url_pattern_has_a_row``; a row whose
pattern is gone fails ``test_every_row_names_an_existing_pattern``. Each grid test sends
one URL's request as all nine personas, each in its own rolled-back savepoint, and
reports every persona that differs from its row at once.
"""

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import reverse

from tests.permission_grid.conftest import PERSONA_NAMES, PERSONAS, row_counts
from tests.permission_grid.notation import LOGIN
from tests.permission_grid.patterns import url_patterns
from tests.permission_grid.rows import KEYS, ROWS
from tests.permission_grid.rows.admin import MODELS as ADMIN_MODELS

# Declares the database to pytest-django; each request also runs in its own savepoint.
pytestmark = pytest.mark.django_db

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def observed(response):
    if response.status_code in (301, 302) and response["Location"].startswith(LOGIN_PATHS):
        return LOGIN
    return response.status_code


def send(scenario, persona: str, row, method: str):
    """The observed status, and whether the watched tables changed."""
    client = scenario.clients[persona]
    client.cookies.clear()
    for name, value in scenario.cookies[persona].items():
        client.cookies[name] = value
    with transaction.atomic():
        url = row.url(scenario)
        try:
            response = client.get(url) if method == "get" else client.post(url, row.data)
        except Exception as exc:  # a 500: report it in the table, not as a crash
            transaction.set_rollback(True)
            return f"500 {type(exc).__name__}: {exc}"[:120], False
        status = observed(response)
        if response.streaming:
            # Reading the file to its end closes it the way the test client expects (closing
            # it directly fires request_finished, which closes the connection mid-transaction).
            b"".join(response.streaming_content)
        wrote = row_counts(scenario.tables) != scenario.baseline
        transaction.set_rollback(True)
    return status, wrote


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("key", sorted(ROWS))
def test_grid(grid_db, key, method):
    row = ROWS[key]
    problems = []
    for persona, expected in row.expected(method).items():
        status, wrote = send(grid_db, persona, row, method)
        if status != expected.status:
            problems.append(f"  {persona:5} expected {expected!s:4} got {status}")
        elif wrote and not expected.writes:
            problems.append(f"  {persona:5} got {status} as expected, but it wrote to the database")
    assert not problems, f"{method.upper()} {key}:\n" + "\n".join(problems)


def test_every_url_pattern_has_a_row():
    missing = sorted(set(url_patterns()) - KEYS)
    assert not missing, (
        "URL patterns without a row in tests/permission_grid/rows/ — state who may GET and "
        "POST each one:\n" + "\n".join(f"  {key}  ({url_patterns()[key]})" for key in missing)
    )


def test_every_row_names_an_existing_pattern():
    stale = sorted(KEYS - set(url_patterns()))
    assert not stale, "rows for URL patterns that no longer exist:\n" + "\n".join(stale)


def test_every_model_in_the_admin_has_a_line():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS), (
        f"not in rows/admin.py MODELS: {sorted(registered - set(ADMIN_MODELS))}; "
        f"no longer registered: {sorted(set(ADMIN_MODELS) - registered)}"
    )


def test_the_personas_are_the_ones_the_issue_names():
    assert len(PERSONAS) == 9 and set(PERSONA_NAMES) == set(PERSONAS)
    assert reverse("account_login") == LOGIN_PATHS[0]
