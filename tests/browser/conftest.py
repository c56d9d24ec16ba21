"""Fixtures of the browser tests: one live portal and one Chromium for the whole package.

The portal (``server.PortalServer``) is gunicorn with DEBUG off over its own seeded
PostgreSQL database; Chromium is Debian's (/usr/bin/chromium), driven by Playwright,
never a downloaded browser. Each test opens its own browser context (cookies, storage)
through ``open_tab``, so logins never leak from one journey into another.
"""

import time
from pathlib import Path

import pytest

from tests.browser.checks import Record, Tab
from tests.browser.server import PortalServer

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
SECRETARIAT = "sekretariat@rkkp.example"
ADMIN_HOVEDSTADEN = "admin.hovedstaden@rkkp.example"
CIRCLE = "direktoerkreds@rkkp.example"
MEMBER = "medlem@rkkp.example"
CHAIR = "formand@rkkp.example"
LEADER = "ledelse@rkkp.example"

# For the summary printed at the end of the run.
_report: dict = {"started": None, "server": None, "record": None}


def pytest_collection_modifyitems(session, config, items):
    """Run the HTML checker after every other browser test: it checks what they visited."""
    last = [item for item in items if item.nodeid.startswith("tests/browser/test_html_validity")]
    if not last:
        return
    for item in last:
        items.remove(item)
    browser = [n for n, item in enumerate(items) if item.nodeid.startswith("tests/browser/")]
    position = browser[-1] + 1 if browser else len(items)
    items[position:position] = last


def pytest_terminal_summary(terminalreporter):
    server, record = _report["server"], _report["record"]
    if server is None:
        return
    terminalreporter.section("browser tests")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in server.timings.items())
    terminalreporter.write_line(f"server set-up: {steps}")
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
def browser(portal):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="package")
def record() -> Record:
    _report["record"] = Record()
    return _report["record"]


@pytest.fixture
def open_tab(browser, portal, record, request):
    """Open a tab in a fresh browser context: ``open_tab("secretariat")``.

    Danish is the browser's language, as for the portal's users; ``javascript=False``
    turns scripts off. Every tab must end the test without console errors or requests
    to other hosts.
    """
    contexts = []
    tabs = []

    def open_(prefix: str, *, javascript: bool = True) -> Tab:
        context = browser.new_context(
            base_url=portal.url,
            locale="da-DK",
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = Tab(context, portal.url, record, prefix, javascript=javascript)
        tabs.append(tab)
        return tab

    yield open_
    try:
        for tab in tabs:
            tab.assert_clean(f"{request.node.name} (end)")
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def login(open_tab):
    """A tab signed in through the login form as ``email``."""

    def login_(prefix: str, email: str, **options) -> Tab:
        tab = open_tab(prefix, **options)
        tab.login(email, PASSWORD)
        return tab

    return login_
