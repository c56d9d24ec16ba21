"""What every page a journey visits must pass, and the record kept for the HTML checker.

``Tab.check(name)`` runs on the page the browser shows now:

- axe-core with the WCAG 2.0/2.1 A and AA rules: zero violations;
- no console error and no uncaught script error so far (a Content-Security-Policy
  violation is a console error too), and no request to any host but the portal's own;
- the server's HTML of the page (the navigation response, not the DOM) is kept for the W3C
  Nu HTML checker, which runs once over every page at the end (``test_zz_html_validity``);
- no page is taller than ``MAX_SCREENS`` screens of 1366 × 768 (measured at that size)
  unless it is paginated (it shows the DKFDS pagination): a long list belongs on pages;
- with ``screenshot=True`` a full-page screenshot goes to ``test-artifacts/screenshots/``.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# No axe rule is disabled: every rule with these tags runs on every page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()

# The screen the pages are laid out for, and how many screens of it a page may fill.
SCREEN = {"width": 1366, "height": 768}
# "About three screens" (issue 18): three, with a quarter screen to spare for a message or
# a wrapped line; anything more must paginate or be listed below.
MAX_SCREENS = 3.25
# Pages known to be taller (a pattern of their path), each with the height it may not grow
# past (px at 1366 × 768) and why: the list should only shrink. Issue 18 reworked the pages
# once listed (/me/, a database's page, a region's workspace, a person's page, the outbox,
# the declarations, the privacy statement) to fit.
KNOWN_TALL: list[tuple[re.Pattern, int]] = [
    # Empty: the privacy statement, the last one listed, is set in two columns on a wide
    # screen and fits.
]

STRUCTURE = (Path(__file__).parent / "structure.js").read_text()


@dataclass
class PageRecord:
    name: str
    url: str
    html: bytes


@dataclass
class Record:
    """Every page checked in this session, in order; the HTML checker reads them at the end."""

    pages: list[PageRecord] = field(default_factory=list)

    def add(self, name: str, url: str, html: bytes) -> None:
        self.pages.append(PageRecord(name, url, html))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def format_axe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


class Tab:
    """A browser page that watches its console, its requests and its navigations."""

    def __init__(self, context, base_url: str, record: Record, prefix: str, javascript=True):
        self.page = context.new_page()
        self.javascript = javascript
        self.base_url = base_url
        self.origin = urlsplit(base_url).netloc
        self.record = record
        self.prefix = prefix
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.document = None
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)

    # --- listeners ------------------------------------------------------------------
    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            # A form sent back with its errors answers 400 (steering/meetings/views/detail.py),
            # an error page 403, 404 or 500, and Chromium reports every such page as a failed
            # load; that one is expected. ``check`` still asserts the page's status, and the
            # page itself is checked like every other.
            document = self.document
            if (
                message.text.startswith("Failed to load resource")
                and document is not None
                and document.status >= 400
                and location.get("url") == document.url
            ):
                return
            self.console_errors.append(
                f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})"
            )

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.origin:
            self.foreign_requests.append(request.url)

    def _on_response(self, response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.document = response

    # --- navigation -----------------------------------------------------------------
    def goto(
        self,
        path: str,
        name: str | None = None,
        *,
        screenshot: bool = False,
        status: int | None = None,
    ):
        response = self.page.goto(self.base_url + path)
        if name is not None:
            self.check(name, screenshot=screenshot, status=status)
        return response

    def login(
        self, email: str, password: str, *, check_name: str | None = None, then: str = ""
    ) -> None:
        """Sign in through the real login form (allauth); ``then`` is where it leads next."""
        self.goto("/accounts/login/" + (f"?next={then}" if then else ""))
        if check_name:
            self.check(check_name)
        self.page.get_by_label(re.compile("^(E-mail|Email)", re.I)).fill(email)
        self.page.get_by_label(re.compile("^(Adgangskode|Password)", re.I)).fill(password)
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").click()

    # --- the checks -----------------------------------------------------------------
    def check(self, name: str, *, screenshot: bool = False, status: int | None = None) -> None:
        """``status``: the error page this is meant to be (403, 404, 500); otherwise the
        page must answer 2xx, or 400 for a form sent back with its errors."""
        page = self.page
        page.wait_for_load_state("load")
        full_name = f"{self.prefix}-{name}"
        assert self.document is not None, f"{full_name}: no page was loaded"
        if status is None:
            expected = self.document.ok or self.document.status == 400
        else:
            expected = self.document.status == status
        assert expected, f"{full_name}: {self.document.url} answered {self.document.status}"
        self.record.add(full_name, page.url, self.document.body())
        # axe is a script: with JavaScript off it cannot run (page.evaluate waits forever).
        # The pages themselves are the same ones the other journeys check with axe.
        if self.javascript:
            results = _axe.run(page, options=AXE_OPTIONS)
            violations = results.response["violations"]
            assert not violations, (
                f"{full_name} ({page.url}): {len(violations)} axe violation(s)\n"
                + format_axe_violations(violations)
            )
            problems = page.evaluate(STRUCTURE)
            assert not problems, f"{full_name} ({page.url}): " + "; ".join(problems)
        self.assert_clean(full_name)
        self.assert_short_or_paginated(full_name)
        if screenshot:
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / f"{slug(full_name)}.png", full_page=True)

    def assert_short_or_paginated(self, where: str) -> None:
        """At most ``MAX_SCREENS`` screens tall at 1366 × 768, or paginated."""
        page = self.page
        shown = page.viewport_size
        page.set_viewport_size(SCREEN)
        try:
            height = page.evaluate("document.documentElement.scrollHeight")
            paginated = page.locator("nav.pagination").count() > 0
        finally:
            page.set_viewport_size(shown)
        path = urlsplit(page.url).path
        known = [ceiling for pattern, ceiling in KNOWN_TALL if pattern.fullmatch(path)]
        limit = known[0] if known else MAX_SCREENS * SCREEN["height"]
        assert height <= limit or paginated, (
            f"{where} ({page.url}): {height} px tall at 1366 × 768, more than {limit} px"
            f" ({MAX_SCREENS} screens unless listed in KNOWN_TALL), and not paginated"
        )

    def assert_clean(self, where: str = "") -> None:
        assert not self.console_errors, f"{where}: console errors: {self.console_errors}"
        assert not self.foreign_requests, (
            f"{where}: requests to other hosts: {self.foreign_requests}"
        )
