"""Pages' content kept per data version (rkkp_portal/page_cache.py) is never stale, never
shown to another viewer, and keeps working forms.

These tests commit for real (transactional database): content is kept only when rendered
outside a transaction, as GET requests run in production.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rkkp_portal import data_version, page_cache, release
from steering.models import Person
from steering.register.services.memberships import update_person
from tests import factories
from tests.perf.test_query_counts import PAGES

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (as make test sets)"),
]
PEOPLE = "/people/"


def kept_keys() -> set[str]:
    return {key for key in cache._cache.get_client().keys("*") if b":page:" in key}


def client_for(user, **kwargs) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="da", **kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def seat(hovedstaden):
    return factories.MembershipFactory(
        role="member",
        representing_region=hovedstaden,
        person__first_name="Ingrid",
        person__last_name="Aagaard",
        person__employer__region=hovedstaden,
    )


def test_the_second_request_reads_nothing_but_the_viewer_and_the_version(secretariat, seat):
    client = client_for(secretariat)
    first = client.get(PEOPLE)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(PEOPLE)
    # The viewer with their roles, and the data version: the people are not read again.
    assert len(queries) == 2, [query["sql"] for query in queries]
    assert "rkkp_data_version" in queries[1]["sql"]
    assert "Aagaard" in again.content.decode()
    assert strip_tokens(again) == strip_tokens(first)


def test_a_service_write_is_shown_at_once(secretariat, seat):
    client = client_for(secretariat)
    assert "Aagaard" in client.get(PEOPLE).content.decode()
    update_person(actor=secretariat, person=seat.person, last_name="Bøgh")
    page = client.get(PEOPLE).content.decode()
    assert "Bøgh" in page
    assert "Aagaard" not in page


def test_writes_that_bypass_the_models_are_shown_too(secretariat, seat):
    """QuerySet.update and raw SQL send no signals; the database's triggers see them."""
    client = client_for(secretariat)
    client.get(PEOPLE)
    Person.objects.filter(pk=seat.person_id).update(last_name="Carlsen")
    assert "Carlsen" in client.get(PEOPLE).content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET last_name = %s WHERE id = %s",  # noqa: S608
            ["Dam", seat.person_id],
        )
    assert "Dam" in client.get(PEOPLE).content.decode()


def test_another_viewer_never_gets_what_was_kept_for_the_first(secretariat, admin_syddanmark, seat):
    """The secretariat sees a Hovedstaden member; Syddanmark's administrator, asking the
    same address, gets their own (scoped) rendering."""
    assert "Aagaard" in client_for(secretariat).get(PEOPLE).content.decode()
    assert "Aagaard" not in client_for(admin_syddanmark).get(PEOPLE).content.decode()
    assert len(kept_keys()) == 2


def test_each_address_and_language_is_kept_apart(secretariat, seat):
    client = client_for(secretariat)
    assert "Aagaard" in client.get(PEOPLE + "?q=aag").content.decode()
    assert "Aagaard" not in client.get(PEOPLE + "?q=zzz").content.decode()
    danish = client.get(PEOPLE).content.decode()
    english = client.get(PEOPLE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Personer" in danish
    assert ">People<" in english and "Personer" not in english
    translation.activate(settings.LANGUAGE_CODE)


def test_a_kept_form_posts_with_the_viewers_own_token(secretariat, hovedstaden):
    """The workspace carries a form; its CSRF token is filled in per request, so the form
    works from a kept page, in this session and in the viewer's next one."""
    url = reverse("regions:region-detail", kwargs={"code": "hovedstaden"})
    for _session in range(2):
        client = client_for(secretariat, enforce_csrf_checks=True)
        client.get(url)  # rendered (first session) or kept (second)
        page = client.get(url).content.decode()
        assert page_cache.CSRF_PLACEHOLDER not in page
        token = re.search(
            r'action="/regions/request-missing/"[^>]*>\s*<input type="hidden" '
            r'name="csrfmiddlewaretoken" value="([^"]+)"',
            page,
        )
        assert token is not None, "the workspace's form lost its token"
        response = client.post(
            reverse("regions:request-missing"), {"csrfmiddlewaretoken": token[1]}
        )
        assert response.status_code == 302


def test_nothing_is_kept_from_inside_a_transaction(secretariat, seat):
    client = client_for(secretariat)
    with transaction.atomic():
        client.get(PEOPLE)
    assert kept_keys() == set()
    client.get(PEOPLE)
    assert len(kept_keys()) == 1


def test_a_rolled_back_write_leaves_the_version_and_a_committed_one_replaces_it(seat):
    before = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.filter(pk=seat.person_id).update(last_name="Rolled back")
        raise RuntimeError
    assert data_version.current() == before
    with transaction.atomic():
        Person.objects.filter(pk=seat.person_id).update(last_name="Kept")
        # Replaced when the transaction commits: not seen before it.
        assert data_version.current() == before
    assert data_version.current() != before


def test_signing_in_does_not_replace_the_version(secretariat):
    """Sessions are written by reading traffic; a version replaced by every sign-in
    would keep nothing."""
    before = data_version.current()
    client_for(secretariat).get("/")
    assert data_version.current() == before


def test_every_table_but_the_unwatched_is_watched():
    """A table a migration adds is watched from the next migrate on (post_migrate)."""
    watched = set(data_version.watched_tables())
    assert watched, "no tables?"
    assert data_version.tables_with_triggers() == watched
    assert not (watched & data_version.UNWATCHED_TABLES)


def test_a_new_table_is_watched_once_installed_again():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE page_cache_probe (id int)")
    try:
        assert "page_cache_probe" not in data_version.tables_with_triggers()
        assert data_version.install() == 1
        assert "page_cache_probe" in data_version.tables_with_triggers()
        before = data_version.current()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO page_cache_probe VALUES (1)")
        after_insert = data_version.current()
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE page_cache_probe")
        assert before != after_insert != data_version.current()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE page_cache_probe")


def strip_tokens(response) -> str:
    return re.sub(
        r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode()
    )


def test_signing_in_records_the_time_without_a_history_row(secretariat):
    history = secretariat.history.count()
    client_for(secretariat)
    secretariat.refresh_from_db()
    assert secretariat.last_login is not None
    assert secretariat.history.count() == history


def test_past_the_budget_pages_are_rendered_not_kept(settings, secretariat, seat):
    """Redis runs without eviction: a burst of distinct pages must not fill it."""
    client = client_for(secretariat)
    client.get(PEOPLE)
    assert len(kept_keys()) == 1
    settings.PAGE_CACHE_MAX_BYTES = 1  # this period's budget is spent
    for query in ("?q=zzx", "?q=zzy"):
        assert "Aagaard" not in client.get(PEOPLE + query).content.decode()
    assert len(kept_keys()) == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(PEOPLE + "?q=zzy")
    assert len(queries) > 2, "a page past the budget is rendered again"
    with CaptureQueriesContext(connection) as queries:
        assert "Aagaard" in client.get(PEOPLE).content.decode()
    assert len(queries) == 2, "what was kept before is still served"


# The viewer with their roles and the data version; the database page and the region
# workspace also read what they are about, to check the viewer may see it — and for a
# member, whether they sit in the database's group. These checks run on every request.
KEPT_QUERIES = {
    ("database page", "member"): 4,
    ("database page", "secretariat"): 3,
    ("database page", "admin_hovedstaden"): 3,
    ("region workspace", "admin_hovedstaden"): 3,
}


@pytest.mark.parametrize(
    ("page", "persona", "path_for"),
    PAGES,
    ids=[f"{page}-{persona}" for page, persona, _path in PAGES],
)
def test_every_benchmarked_page_is_kept(
    request, page, persona, path_for, group, member_seat, chair_seat, hovedstaden
):
    client = client_for(request.getfixturevalue(persona))
    path = path_for({"group": group})
    first = client.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert len(queries) == KEPT_QUERIES.get((page, persona), 2), [query["sql"] for query in queries]
    assert strip_tokens(again) == strip_tokens(first)


@pytest.mark.parametrize(
    "setting", [{"PAGE_CACHE": False}, {"DEBUG": True}], ids=["PAGE_CACHE=0", "DEBUG"]
)
def test_nothing_is_kept_when_turned_off_or_debugging(settings, secretariat, seat, setting):
    for name, value in setting.items():
        setattr(settings, name, value)
    client = client_for(secretariat)
    client.get(PEOPLE)
    with CaptureQueriesContext(connection) as queries:
        assert "Aagaard" in client.get(PEOPLE).content.decode()
    assert kept_keys() == set()
    assert len(queries) > 2


def test_a_new_release_never_reads_what_the_last_one_kept(settings, tmp_path):
    """The key holds a digest of code, templates, translations and the static manifest."""
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    (tmp_path / "templates").mkdir()
    (tmp_path / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    (settings.STATIC_ROOT).mkdir()
    template = tmp_path / "templates" / "page.html"
    catalogue = tmp_path / "locale" / "da" / "LC_MESSAGES" / "django.mo"
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    template.write_text("<p>one</p>")
    catalogue.write_bytes(b"one")
    manifest.write_text("{}")
    digests = [release.digest.__wrapped__()]
    for changed, content in ((template, "<p>two</p>"), (manifest, '{"a": 1}')):
        changed.write_text(content)
        digests.append(release.digest.__wrapped__())
    catalogue.write_bytes(b"two")
    digests.append(release.digest.__wrapped__())
    assert len(set(digests)) == 4
