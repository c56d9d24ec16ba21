"""Front-end assets: served by the app, compressed, cache-busted, and a small dashboard.

Plain HTTP against the live gunicorn (WhiteNoise serves the collected, hashed files),
plus one dashboard load in Chromium to weigh what a browser really transfers.
"""

import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import SECRETARIAT

# What the secretariat's dashboard may weigh on a first visit (empty cache): the HTML as
# served plus its CSS and JS as transferred (compressed). Measured on 22 Nov 2026:
# 86 KiB (HTML 15, CSS 33, JS 38: DKFDS, htmx and the portal's own script).
PAGE_WEIGHT_BUDGET = 120 * 1024
# Everything the browser fetches for it, DKFDS's web fonts and icon sprite included.
# Measured: about 230 KiB, of which the IBM Plex Sans fonts are about 170 KiB.
TOTAL_WEIGHT_BUDGET = 300 * 1024
HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg)$")
ONE_YEAR = 365 * 24 * 60 * 60


class _Assets(HTMLParser):
    """Every address a page makes the browser fetch by itself: styles, scripts, icons, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in ("stylesheet", "icon", "preload"):
            self.urls.append(("link", attributes["href"]))
        elif tag in ("script", "img", "iframe", "source", "audio", "video") and attributes.get(
            "src"
        ):
            self.urls.append((tag, attributes["src"]))
        elif tag == "use" and attributes.get("href"):
            self.urls.append(("use", attributes["href"].split("#")[0]))


def _get(url: str, encoding: str = "gzip, br"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
    return urllib.request.urlopen(request, timeout=15)  # noqa: S310


def _assets_of(html: str) -> list[tuple[str, str]]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def login_page_assets(portal):
    with _get(portal.url + "/accounts/login/") as response:
        html = response.read().decode()
    return _assets_of(html)


def test_every_asset_comes_from_the_app_itself(login_page_assets):
    assert login_page_assets
    for _kind, url in login_page_assets:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} is not served by the portal"
        assert parts.path.startswith("/static/"), url


def test_styles_and_scripts_have_hashed_names_and_far_future_caching(portal, login_page_assets):
    stylesheets_and_scripts = [
        url for kind, url in login_page_assets if url.endswith((".css", ".js"))
    ]
    assert len(stylesheets_and_scripts) >= 4
    for url in {url for _kind, url in login_page_assets}:
        assert HASHED.search(url), f"{url} has no content hash in its name"
        with _get(portal.url + url) as response:
            cache = response.headers["Cache-Control"]
            max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
            assert max_age >= ONE_YEAR, f"{url}: Cache-Control {cache}"
            assert "immutable" in cache, f"{url}: Cache-Control {cache}"


def test_styles_and_scripts_are_served_compressed(portal, login_page_assets):
    for url in [url for _kind, url in login_page_assets if url.endswith((".css", ".js"))]:
        with _get(portal.url + url) as compressed:
            encoding = compressed.headers.get("Content-Encoding")
            compressed_size = len(compressed.read())
        with _get(portal.url + url, encoding="identity") as plain:
            plain_size = len(plain.read())
        assert encoding in ("gzip", "br"), f"{url} is served without compression"
        assert compressed_size < plain_size, url
        assert "Accept-Encoding" in compressed.headers.get("Vary", ""), url


def test_the_dashboard_stays_within_its_weight_budget(login, open_tab, portal):
    cookies = login("weight-login", SECRETARIAT).page.context.cookies()
    # A fresh browser context with the same session: nothing in its cache yet.
    tab = open_tab("weight")
    page = tab.page
    page.context.add_cookies(cookies)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(portal.url + "/", wait_until="networkidle")
    transferred: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        size = response.request.sizes()["responseBodySize"]
        transferred[kind] = transferred.get(kind, 0) + size
    html_css_js = sum(transferred.get(kind, 0) for kind in ("document", "stylesheet", "script"))
    total = sum(transferred.values())
    summary = ", ".join(f"{kind} {size / 1024:.1f} KiB" for kind, size in transferred.items())
    print(f"dashboard transfer: {summary}; HTML+CSS+JS {html_css_js / 1024:.1f} KiB")
    assert html_css_js <= PAGE_WEIGHT_BUDGET, summary
    assert total <= TOTAL_WEIGHT_BUDGET, summary
