"""Follow every link and GET target of the portal's pages, as one signed-in user would.

``Crawler`` starts on a page, reads every ``<a href>``, ``hx-get`` and ``<form
method="get">`` (submitted with the values the form shows), and requests each address it
found, down to ``depth`` levels. It never submits a POST form, so nothing is changed on
the way. Addresses it leaves alone, and why, are in ``skip_reason``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

# Statuses that leave the user stuck.
DEAD_ENDS = {403, 404, 500}
# Answers whose body is a file, not a page to read links from.
FILE_TYPES = (
    "text/csv",
    "application/vnd.",
    "text/calendar",
    "application/json",
    "application/pdf",
)


def skip_reason(url: str) -> str | None:
    """Why an address is not requested at all (None: it is requested)."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return "not a web address"
    if parts.scheme in ("http", "https") and parts.netloc not in ("", "testserver"):
        return "external site"
    if parts.path.startswith("/accounts/logout"):
        return "signs the user out"
    if parts.path.startswith("/static/") or parts.path.startswith("/media/"):
        return "an asset"
    return None


def no_descent_reason(url: str) -> str | None:
    """Why the links of a page that was requested are not followed further."""
    if urlsplit(url).path.startswith("/admin/"):
        # Django's own admin: its links are every model's add, change and delete forms.
        return "the Django admin"
    return None


class _Links(HTMLParser):
    """The GET targets of one page: links, htmx GETs and GET forms with their values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.targets.append(a["href"])
        if a.get("hx-get") or a.get("data-hx-get"):
            self.targets.append(a.get("hx-get") or a.get("data-hx-get"))
        if tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = {"action": a.get("action") or "", "fields": []}
        elif tag == "form":
            self._form = None
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "image", "file"):
                self._form["fields"].append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._select_value = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._form is not None:
            value = self._select_value if self._select_value is not None else self._first_option
            self._form["fields"].append((self._select, value or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            query = urlencode(self._form["fields"])
            self.targets.append(
                f"{self._form['action']}?{query}" if query else self._form["action"]
            )
            self._form = None


def targets_of(html: str, page_url: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for target in parser.targets:
        absolute = urljoin(page_url, target.strip())
        parts = urlsplit(absolute)
        if parts.netloc == "testserver":
            parts = parts._replace(scheme="", netloc="")
        found.append(urlunsplit(parts._replace(fragment="")))
    return found


@dataclass
class Visit:
    url: str
    status: int
    found_on: str


@dataclass
class Crawl:
    visits: dict[str, Visit] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # address: reason

    @property
    def dead_ends(self) -> list[Visit]:
        return [v for v in self.visits.values() if v.status in DEAD_ENDS]


def crawl(client, start: str, depth: int = 2) -> Crawl:
    """Request ``start`` and, level by level, every GET target found, ``depth`` levels deep."""
    result = Crawl()
    queue = deque([(start, 0, "(start)")])
    while queue:
        url, level, found_on = queue.popleft()
        if url in result.visits or url in result.skipped:
            continue
        reason = skip_reason(url)
        if reason:
            result.skipped[url] = reason
            continue
        response = client.get(url)
        result.visits[url] = Visit(url, response.status_code, found_on)
        if response.status_code in (301, 302, 303, 307, 308):
            # A redirect is one step, not a level: where it leads is checked too.
            queue.appendleft((urljoin(url, response["Location"]), level, url))
            continue
        # Files (CSV, XLSX, calendars) are checked by their status, not read for links.
        content_type = response.get("Content-Type", "")
        if (
            level >= depth
            or response.status_code != 200
            or not content_type.startswith("text/html")
            or no_descent_reason(url)
        ):
            continue
        for target in targets_of(response.content.decode(), url):
            queue.append((target, level + 1, url))
    return result
