"""The W3C Nu HTML checker (npm vnu-jar, Java 17) over the server HTML of every page the
browser tests visited: zero errors. Warnings are printed, not failed.

``conftest.py`` moves this test after every other browser test, so one Java start checks
every page of the run (in the SQLite pass, the pages of the journeys through ``make run``).
Run on its own, it checks the pages an anonymous visitor sees.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.checks import slug
from tests.conftest import NEEDS_POSTGRESQL, database_vendor

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ANONYMOUS_PAGES = ("/accounts/login/", "/public/", "/tilgaengelighed/")


def _vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(
            "The W3C Nu HTML checker needs Java 17 (`apt-get install openjdk-17-jre-headless`, "
            f".ci/run does this) and {VNU} (npm ci).",
            pytrace=False,
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return json.loads(result.stdout)["messages"]


def test_every_visited_page_is_valid_html(record, request, tmp_path):
    if not record.pages:
        # The anonymous pages are read from the production-like portal.
        if database_vendor() != "postgresql":
            pytest.skip(NEEDS_POSTGRESQL)
        tab = request.getfixturevalue("open_tab")("anonymous")
        for path in ANONYMOUS_PAGES:
            tab.goto(path, slug(path) or "root")
    names = {}
    for number, page in enumerate(record.pages, start=1):
        path = tmp_path / f"{number:03d}-{slug(page.name)}.html"
        path.write_bytes(page.html)
        names[path.name] = f"{page.name} ({page.url})"
    messages = _vnu(sorted(tmp_path.glob("*.html")))

    def describe(message: dict) -> str:
        file_name = message.get("url", "?").rsplit("/", 1)[-1]
        where = names.get(file_name, file_name)
        return (
            f"- {where}, line {message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '').strip()[:200]}"
        )

    warnings = [m for m in messages if m["type"] == "info"]
    errors = [m for m in messages if m["type"] != "info"]
    if warnings:
        print(f"{len(warnings)} HTML warning(s):\n" + "\n".join(map(describe, warnings)))
    print(f"Nu HTML checker: {len(record.pages)} pages, {len(errors)} errors")
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(map(describe, errors))
