"""Fixtures of the browser tests: the live portals and one Chromium for the whole package.

Two portals, one per pass of ``make test``:

- on PostgreSQL, ``portal`` (``server.PortalServer``): production-like, gunicorn with DEBUG
  off over its own seeded PostgreSQL database; the tests that use it are marked
  ``postgresql``;
- on SQLite, ``make_run`` (``make_run.MakeRun``): the embedded default exactly as a
  newcomer starts it, ``make run``; the tests that use it are marked ``embedded`` and
  skipped in the PostgreSQL pass.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright, never a downloaded
browser. Each test opens its own browser context (cookies, storage) through ``open_tab``
(or ``open_make_run_tab``), so logins never leak from one journey into another.
"""

import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.checks import Record, Tab
from tests.browser.make_run import MakeRun
from tests.browser.server import PortalServer
from tests.conftest import database_vendor

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "rkkp-demo-2026"
EMBEDDED_ONLY = "the embedded default (make run): runs in the SQLite pass"
SECRETARIAT = "sekretariat@rkkp.example"
ADMIN_HOVEDSTADEN = "admin.hovedstaden@rkkp.example"
CIRCLE = "direktoerkreds@rkkp.example"
MEMBER = "medlem@rkkp.example"
CHAIR = "formand@rkkp.example"
LEADER = "ledelse@rkkp.example"

# For the summary printed at the end of the run.
_report: dict = {"started": None, "server": None, "record": None}


def pytest_collection_modifyitems(session, config, items):
    """Mark each browser test for the portal it uses, and run the HTML checker after every
    other browser test: it checks what they visited."""
    for item in items:
        if not item.nodeid.startswith("tests/browser/"):
            continue
        if "portal" in item.fixturenames:
            # Its server copies a seeded PostgreSQL database (server.py), as in production.
            item.add_marker(pytest.mark.postgresql)
        if "make_run" in item.fixturenames:
            item.add_marker(pytest.mark.embedded)
    last = [item for item in items if item.nodeid.startswith("tests/browser/test_html_validity")]
    if not last:
        return
    for item in last:
        items.remove(item)
    browser = [n for n, item in enumerate(items) if item.nodeid.startswith("tests/browser/")]
    position = browser[-1] + 1 if browser else len(items)
    items[position:position] = last


def pytest_runtest_setup(item):
    if item.get_closest_marker("embedded") and database_vendor() != "sqlite":
        pytest.skip(EMBEDDED_ONLY)


def pytest_terminal_summary(terminalreporter):
    server, record = _report["server"], _report["record"]
    if server is None:
        return
    terminalreporter.section("browser tests")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in server.timings.items())
    terminalreporter.write_line(f"server set-up ({type(server).__name__}): {steps}")
    if _report["started"] is not None:
        total = _report.get("finished", time.monotonic()) - _report["started"]
        terminalreporter.write_line(f"browser package: {total:.1f} s in all")
    if record is not None:
        distinct = len({page.url.split("?")[0] for page in record.pages})
        terminalreporter.write_line(
            f"pages checked (axe, console, hosts, HTML): {len(record.pages)} "
            f"({distinct} distinct addresses)"
        )


def _require_chromium() -> None:
    # Loud on purpose: CI installs Debian's chromium (.ci/run); without it nothing is tested.
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
            "Install it with `apt-get install chromium` (.ci/run does this); "
            "never `playwright install`.",
            pytrace=False,
        )


@pytest.fixture(scope="package")
def portal(tmp_path_factory):
    _require_chromium()
    _report["started"] = time.monotonic()
    server = PortalServer(tmp_path_factory.mktemp("portal"))
    _report["server"] = server
    try:
        server.start()
    except Exception:
        server.cleanup()
        raise
    yield server
    server.cleanup()
    _report["finished"] = time.monotonic()


@pytest.fixture(scope="package")
def journeys(portal) -> dict:
    return portal.journeys


@pytest.fixture(scope="package")
def make_run(tmp_path_factory):
    """``make run`` on a SQLite file of its own, with the journeys' starting points."""
    _require_chromium()
    _report["started"] = time.monotonic()
    server = MakeRun(tmp_path_factory.mktemp("make-run"))
    _report["server"] = server
    server.start()
    try:
        server.journeys = server.prepare_journeys()
        yield server
    finally:
        server.stop()
        _report["finished"] = time.monotonic()


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    _require_chromium()
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="package")
def record() -> Record:
    _report["record"] = Record()
    return _report["record"]


@contextmanager
def tabs(browser, base_url: str, record: Record, test_name: str):
    """Opens tabs on ``base_url``, each in a fresh browser context.

    Danish is the browser's language, as for the portal's users; ``javascript=False``
    turns scripts off. Every tab must end the test without console errors or requests
    to other hosts.
    """
    contexts = []
    opened = []

    def open_(prefix: str, *, javascript: bool = True) -> Tab:
        context = browser.new_context(
            base_url=base_url,
            locale="da-DK",
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = Tab(context, base_url, record, prefix, javascript=javascript)
        opened.append(tab)
        return tab

    try:
        yield open_
        for tab in opened:
            tab.assert_clean(f"{test_name} (end)")
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def open_tab(browser, portal, record, request):
    """Open a tab on the production-like portal: ``open_tab("secretariat")``."""
    with tabs(browser, portal.url, record, request.node.name) as open_:
        yield open_


@pytest.fixture
def open_make_run_tab(browser, make_run, record, request):
    """Open a tab on the portal ``make run`` serves."""
    with tabs(browser, make_run.url, record, request.node.name) as open_:
        yield open_


@pytest.fixture
def login(open_tab):
    """A tab signed in through the login form as ``email``."""

    def login_(prefix: str, email: str, **options) -> Tab:
        tab = open_tab(prefix, **options)
        tab.login(email, PASSWORD)
        return tab

    return login_
