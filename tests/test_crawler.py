"""The crawler of tests/test_no_dead_ends.py: what it reads from a page, what it leaves alone."""

import pytest

from tests.crawler import crawl, skip_reason, targets_of


def test_it_reads_links_htmx_targets_and_get_forms_with_their_shown_values():
    html = """
    <a href="/databases/?page=2#top">next</a>
    <input hx-get="/people/lookup/">
    <form method="get" action="/people/">
      <input name="q" value="x"><input type="checkbox" name="mine">
      <input type="checkbox" name="open" value="1" checked>
      <select name="region">
        <option value="">All</option><option value="3" selected>3</option>
      </select>
      <button type="submit">Show</button>
    </form>
    <form method="post" action="/me/consent/"><input name="consent" value="1"></form>
    <a href="mailto:a@b.dk">mail</a>
    """
    found = targets_of(html, "/databases/")
    assert found == [
        "/databases/?page=2",
        "/people/lookup/",
        "/people/?q=x&open=1&region=3",
        "mailto:a@b.dk",
    ]
    assert skip_reason("mailto:a@b.dk") == "not a web address"
    assert skip_reason("https://www.datatilsynet.dk/") == "external site"
    assert skip_reason("/accounts/logout/") == "signs the user out"
    assert skip_reason("/databases/") is None


@pytest.mark.django_db
def test_it_reports_a_refused_page_and_where_it_was_linked_from(client, admin_hovedstaden):
    client.force_login(admin_hovedstaden)
    result = crawl(client, "/regions/syddanmark/", depth=0)
    assert [(v.status, v.found_on) for v in result.dead_ends] == [(403, "(start)")]
