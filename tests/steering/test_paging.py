"""The page list of the shared pagination: first, last, the current page's neighbours and
a gap for the rest, worked out in Python (rkkp_portal/paging.py)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from rkkp_portal.paging import PAGE_SIZE, paginate


def _page(number: int, pages: int, query: str = ""):
    request = RequestFactory().get(f"/list/?{query}&page={number}" if query else f"/?page={number}")
    page, _query = paginate(request, list(range(pages * PAGE_SIZE)))
    return page


def _numbers(page) -> list[int | None]:
    return [link.number for link in page.window]


@pytest.mark.parametrize(
    ("number", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 5, [1, 2, None, 5]),
        (3, 5, [1, 2, 3, 4, 5]),
        (4, 9, [1, None, 3, 4, 5, None, 9]),
        (200, 200, [1, None, 199, 200]),
        (2, 4, [1, 2, 3, 4]),
    ],
)
def test_it_shows_the_ends_the_neighbours_and_gaps(number, pages, expected):
    assert _numbers(_page(number, pages)) == expected


def test_the_links_keep_the_other_parameters_and_mark_the_current_and_last_page():
    page = _page(2, 3, "status=active&q=a+b")
    first, current, last = page.window
    assert first.href == "?status=active&q=a+b&page=1"
    assert current.current and not current.last
    assert last.last and last.href.endswith("&page=3")


def test_a_page_number_out_of_range_shows_the_last_page():
    assert _page(99, 3).number == 3


def test_the_fragment_lists_only_the_window_and_escapes_the_links():
    html = render_to_string(
        "_pagination.html",
        {"page_obj": _page(50, 100, "q=x"), "query_without_page": "q=x"},
    )
    assert html.count('class="pagination-item pagination-number"') == 5
    assert html.count("pagination-overflow") == 2
    assert 'href="?q=x&amp;page=50" class="button current-page" aria-current="page"' in html
    assert 'href="?q=x&amp;page=100"' in html
