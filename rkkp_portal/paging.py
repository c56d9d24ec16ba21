"""Pagination shared by the list pages."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50
# The people lists show 25 a page: each row carries a person's workplace, region and every
# current seat, so a page of 50 cost about twice the admin's list of people to render.
PEOPLE_PAGE_SIZE = 25
# Lists whose single page (no pagination to page on) must stay within about three screens
# of 1366 × 768 (issue 18): the declarations, a line a row, 25 a page; the letters, whose
# subjects wrap to three lines (88 px a row below 690 px of filters), 15.
DECLARATIONS_PAGE_SIZE = 25
LETTERS_PAGE_SIZE = 15


@dataclass(frozen=True)
class PageLink:
    """One entry of the page list: a page number with its address, or a gap (``number``
    None) standing for the pages left out."""

    number: int | None
    href: str = ""
    current: bool = False
    last: bool = False


class WindowedPage(Page):
    """A page that knows the few page links to show (DKFDS pagination): the first and the
    last page, the current one with a neighbour on each side, and a gap for the rest. It
    is worked out here once, not by looping over every page number in the template."""

    query_without_page = ""

    def link(self, number: int) -> str:
        query = self.query_without_page
        return f"?{query}&page={number}" if query else f"?page={number}"

    @cached_property
    def window(self) -> list[PageLink]:
        current, last = self.number, self.paginator.num_pages
        shown = sorted({1, last, *range(max(1, current - 1), min(last, current + 1) + 1)})
        links: list[PageLink] = []
        for number in shown:
            if links and number - links[-1].number > 1:
                links.append(PageLink(None))
            links.append(PageLink(number, self.link(number), number == current, number == last))
        return links


class WindowedPaginator(Paginator):
    def _get_page(self, *args, **kwargs) -> WindowedPage:
        return WindowedPage(*args, **kwargs)


def paginate(
    request: HttpRequest, queryset, *, per_page: int = PAGE_SIZE
) -> tuple[WindowedPage, str]:
    """The requested page and the query string without the page, for pagination links."""
    page = WindowedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query_without_page = params.urlencode()
    return page, page.query_without_page
