"""No inline scripts, styles or event handlers: the strict CSP would block them.

Two checks: every template source the portal serves (templates/**, except the e-mail
letters in templates/letters/**, which are never served as pages, plus each allauth
template a page actually rendered), and the HTML of real responses.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.security.helpers import PASSWORD, code_for_secret, simple_routes

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES = BASE_DIR / "templates"
NOT_SERVED = TEMPLATES / "letters"

TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:[^>{]|\{[^}]*\})*)>", re.S)
HANDLER = re.compile(r"""(?:^|[\s}])(?:on[a-z]+|(?:data-)?hx-on[:a-z-]*)\s*=""", re.I)
STYLE_ATTR = re.compile(r"""(?:^|[\s}])style\s*=""", re.I)
JS_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.I)
SRC_ATTR = re.compile(r"""(?:^|[\s}])src\s*=""", re.I)
# A JSON data block is not executed, so CSP does not govern it (allauth passes data so).
DATA_BLOCK = re.compile(r"""type\s*=\s*["']application/(?:ld\+)?json["']""", re.I)


def problems_in_source(text: str) -> list[str]:
    found = []
    for tag in TAG.finditer(text):
        name, attrs = tag["name"].lower(), tag["attrs"]
        if name == "style":
            found.append("<style> element")
        if name == "script" and not SRC_ATTR.search(attrs) and not DATA_BLOCK.search(attrs):
            found.append("inline <script>")
        if STYLE_ATTR.search(attrs):
            found.append(f"style attribute on <{name}>")
        if HANDLER.search(attrs):
            found.append(f"event handler on <{name}>")
        if JS_URL.search(attrs):
            found.append(f"javascript: URL on <{name}>")
    return found


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value or "" for name, value in attrs}
        if tag == "style":
            self.problems.append("<style> element")
        is_data = DATA_BLOCK.search(f'type="{names.get("type", "")}"')
        if tag == "script" and "src" not in names and not is_data:
            self.problems.append("inline <script>")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        for name, value in names.items():
            if name.startswith(("on", "hx-on", "data-hx-on")):
                self.problems.append(f"{name} handler on <{tag}>")
            if value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name} on <{tag}>")


def problems_in_html(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


INCLUDE = re.compile(r"""\{%\s*include\s+["'](?P<name>[^"']+)["']""")


def served_templates() -> list[Path]:
    """templates/**, without the e-mail letters but with the letter pages a browser opens
    (those that extend base.html, like the printable welcome letter) and what they include."""
    pages = [path for path in TEMPLATES.rglob("*.html") if NOT_SERVED not in path.parents]
    for letter in NOT_SERVED.rglob("*.html"):
        text = letter.read_text(encoding="utf-8")
        if re.search(r"""\{%\s*extends\s+["']base\.html["']""", text):
            pages.append(letter)
            pages += [TEMPLATES / match["name"] for match in INCLUDE.finditer(text)]
    return sorted(set(pages))


# --- The scanner itself -----------------------------------------------------------------


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<div style="color: red">',
        "<style>p { color: red }</style>",
        '<button onclick="go()">',
        '<a href="#" hx-on:click="go()">',
        '<a href="#" data-hx-on:click="go()">',
        '<a href="javascript:go()">',
        '<p class="x" {% if a %}style="display:none"{% endif %}>',
    ],
)
def test_the_scanner_finds_inline_code(snippet):
    assert problems_in_source(snippet)
    assert problems_in_html(snippet.replace("{% if a %}", "").replace("{% endif %}", ""))


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/portal.js" defer></script>',
        '<script type="application/json" data-x="1">{"a": 1}</script>',
        '<input name="onboarding" value="x">',
        '<p data-style="x">Hello, don="t"</p>',
    ],
)
def test_the_scanner_lets_safe_markup_through(snippet):
    assert problems_in_source(snippet) == []
    assert problems_in_html(snippet) == []


# --- Templates ----------------------------------------------------------------------------


def test_there_are_templates_to_scan():
    names = {path.name for path in served_templates()}
    assert {"base.html", "login.html", "dashboard.html"} <= names
    assert {"welcome_print.html", "_welcome_content.html"} <= names
    assert "invitation_body.html" not in names  # an e-mail, never a page


@pytest.mark.parametrize(
    "path", served_templates(), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_no_served_template_has_inline_code(path):
    assert problems_in_source(path.read_text(encoding="utf-8")) == []


# --- Real pages, and the allauth templates they render -----------------------------------


def visit_every_page(client) -> tuple[dict[str, list[str]], set[str]]:
    """GET every argument-free URL; the HTML problems per URL and the template files used."""
    problems, template_files = {}, set()
    for route in simple_routes():
        response = client.get(route, follow=True)
        for template in response.templates:
            origin = getattr(template, "origin", None)
            if origin is not None and origin.name and str(origin.name).endswith(".html"):
                template_files.add(str(origin.name))
        if "text/html" in response.get("Content-Type", ""):
            found = problems_in_html(response.content.decode())
            if found:
                problems[route] = found
    return problems, template_files


@pytest.fixture
def member_with_totp(member):
    TOTP.activate(member, generate_totp_secret())
    return member


@pytest.mark.parametrize(
    "persona", ["anonymous", "member", "member_with_totp", "secretariat", "admin_hovedstaden"]
)
def test_no_page_serves_inline_code(client, request, persona, group):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)

    problems, template_files = visit_every_page(client)

    assert problems == {}
    allauth_files = sorted(name for name in template_files if "/allauth/templates/" in name)
    assert allauth_files, "the allauth pages render allauth's own templates"
    offending = {
        name: found
        for name in allauth_files
        if (found := problems_in_source(Path(name).read_text(encoding="utf-8")))
    }
    assert offending == {}


def test_htmx_is_told_not_to_inject_its_indicator_style(client, db):
    html = client.get(reverse("account_login")).content.decode()

    config = re.search(r"""<meta name="htmx-config" content='([^']*)'>""", html)

    assert config, "base.html configures htmx"
    assert json.loads(config[1])["includeIndicatorStyles"] is False


def test_the_login_mfa_and_reset_pages_serve_no_inline_code(client, member, settings):
    """The pages behind a real login, reauthentication or mailed link, which a crawl misses."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    responses = []

    def visit(method, url, data=None):
        response = getattr(client, method)(url, data or {})
        responses.append(response)
        return response

    visit("post", reverse("account_login"), {"login": member.email, "password": PASSWORD})
    visit("get", reverse("account_reauthenticate"))
    visit("post", reverse("account_reauthenticate"), {"password": PASSWORD})
    visit("get", reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    visit("post", reverse("mfa_activate_totp"), {"code": code_for_secret(secret)})
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_generate_recovery_codes"):
        visit("get", reverse(name))
    visit("get", reverse("mfa_deactivate_totp"))
    visit("post", reverse("account_logout"))
    visit("post", reverse("account_login"), {"login": member.email, "password": PASSWORD})
    visit("get", reverse("mfa_authenticate"))
    visit("post", reverse("mfa_authenticate"), {"code": "000000"})
    client.logout()
    visit("post", reverse("account_reset_password"), {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    visit("get", link[1])
    visit("get", client.get(link[1])["Location"])

    rendered = {
        str(template.origin.name)
        for response in responses
        for template in response.templates
        if getattr(template, "origin", None) and str(template.origin.name).endswith(".html")
    }
    expected = {
        "mfa/totp/activate_form.html",
        "mfa/recovery_codes/index.html",
        "mfa/recovery_codes/generate.html",
        "mfa/totp/deactivate_form.html",
        "mfa/authenticate.html",
        "account/reauthenticate.html",
        "account/password_reset_from_key.html",
    }
    assert expected <= {name.split("/templates/")[-1] for name in rendered}
    html_problems = {
        response.wsgi_request.path: found
        for response in responses
        if "text/html" in response.get("Content-Type", "")
        and (found := problems_in_html(response.content.decode()))
    }
    assert html_problems == {}
    source_problems = {
        name: found
        for name in rendered
        if (found := problems_in_source(Path(name).read_text(encoding="utf-8")))
    }
    assert source_problems == {}
