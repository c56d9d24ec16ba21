"""A page's main content, rendered once per data version and kept in Redis for the viewer.

The portal's data changes a few times an hour and is read all day; the same viewer
opens the same list, page of people or workspace again and again between two changes.
So the part of a page below its heading — the part that reads the data — is wrapped in
``{% page_cache "name" %}…{% endpage_cache %}`` (``templatetags/page_cache.py``) and
its view hands the template a ``page_content`` callable instead of the data: on a hit
the callable is never called, so neither its queries nor its rendering run.

What a kept fragment is keyed by (``key``), so it is only ever shown where it would be
rendered the same:

- the **data version** (``rkkp_portal/data_version.py``), which PostgreSQL replaces on
  every committed write to any watched table — roles and permissions included — read
  before the data, so what is kept is never older than its version;
- the **viewer** (the user's id): what a page shows depends on who looks at it, so one
  viewer's fragment is never shown to another;
- the request's **path and query string**, the **language**, the **day** (terms ending
  soon, this year's meetings) and whether it is an htmx request;
- the **release**: a digest of the code, templates, translations and static manifest,
  so a deploy never shows what the previous one rendered.

The CSRF token a fragment carries (a form posting from the page) is kept as a
placeholder and filled with the viewer's current token when served.

Nothing is kept inside a transaction (what it rendered might roll back), outside
PostgreSQL, without Redis (``make run``) or with ``DEBUG`` on: there every request
renders. Kept fragments
lapse after ``TIMEOUT_SECONDS`` — the cache lives in the same Redis as the broker, which
runs without eviction, so nothing may stay for good — and no more than
``PAGE_CACHE_MAX_BYTES`` is kept per ``TIMEOUT_SECONDS`` (counted in Redis across
processes): a viewer paging through thousands of distinct searches fills at most twice
that, never the broker's memory. Past it pages are rendered, not kept, until the next
period.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import connection
from django.utils import timezone, translation

from rkkp_portal import data_version, release

TIMEOUT_SECONDS = 10 * 60
CSRF_PLACEHOLDER = "\x00rkkp-csrf-token\x00"
KEY_PREFIX = "page:"


def enabled() -> bool:
    # Not with DEBUG: a development server reloads templates it does not restart for, and
    # the release digest is read once per process.
    return (
        bool(settings.REDIS_URL)
        and settings.PAGE_CACHE
        and not settings.DEBUG
        and data_version.supported()
    )


def key(name: str, request, version: str) -> str:
    parts = (
        release.digest(),
        name,
        version,
        request.user.pk,
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.get_full_path(),
        bool(getattr(request, "htmx", False)),
    )
    return KEY_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()


def lookup(name: str, request) -> tuple[str | None, str | None]:
    """(key, kept fragment): (None, None) where nothing may be kept, (key, None) on a miss."""
    if not enabled() or connection.in_atomic_block or request.method != "GET":
        return None, None
    if not request.user.is_authenticated:
        return None, None
    version = data_version.current()
    if version is None:
        return None, None
    fragment_key = key(name, request, version)
    return fragment_key, shared_cache.get(fragment_key)


def _within_budget(size: int) -> bool:
    """Count ``size`` against this period's budget; False once it is spent."""
    period = int(time.time() // TIMEOUT_SECONDS)
    budget_key = f"page-budget:{period}"
    shared_cache.add(budget_key, 0, 2 * TIMEOUT_SECONDS)
    try:
        spent = shared_cache.incr(budget_key, size)
    except ValueError:  # lapsed between add and incr: a new period
        return True
    return spent <= settings.PAGE_CACHE_MAX_BYTES


def keep(fragment_key: str, html: str, csrf_token: str) -> None:
    if csrf_token:
        html = html.replace(csrf_token, CSRF_PLACEHOLDER)
    if _within_budget(len(html.encode())):
        shared_cache.set(fragment_key, html, TIMEOUT_SECONDS)


def serve(kept: str, csrf_token: str) -> str:
    return kept.replace(CSRF_PLACEHOLDER, csrf_token) if CSRF_PLACEHOLDER in kept else kept
