"""The grid's notation: one row per URL pattern, one column per persona.

    row("steering:database-edit", lambda s: [s.database.slug],
        get="L   403 404 403 403 403 403 403 200",
        post="L  403 404 403 403 403 403 403 200")

Columns, in order: anon mem oth chr lead adm adx circ sec (see conftest.PERSONAS).
Cells: an HTTP status (200, 302, 400, 403, 404, 405 …), or ``L`` for a redirect to a
login page (allauth's, or the admin's, which sends on to allauth's). Every request must
leave the database as it was (rows counted in every table of the portal's apps and their
history, before and after) unless its cell ends in ``+``: "allowed, and writes" (e.g.
``302+``). ``POST`` sends an empty body unless the row gives ``data``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from tests.permission_grid.conftest import PERSONAS

LOGIN = "L"
WRITES = "+"


@dataclass(frozen=True)
class Cell:
    status: int | str
    writes: bool = False

    def __str__(self) -> str:
        return f"{self.status}{WRITES if self.writes else ''}"


def cell(text: str) -> Cell:
    writes = text.endswith(WRITES)
    status = text.removesuffix(WRITES)
    return Cell(status if status == LOGIN else int(status), writes)


def parse(cells: str) -> tuple:
    values = tuple(cell(c) for c in cells.split())
    if len(values) != len(PERSONAS):
        raise ValueError(f"{len(values)} cells for {len(PERSONAS)} personas: {cells!r}")
    return values


@dataclass(frozen=True)
class Row:
    key: str
    url: Callable
    get: tuple
    post: tuple
    why: str = ""
    data: dict = field(default_factory=dict)
    variant: str = ""

    @property
    def id(self) -> str:
        """The pattern's key, plus the variant for a second row of the same pattern."""
        return f"{self.key} [{self.variant}]" if self.variant else self.key

    def expected(self, method: str) -> dict:
        return dict(zip(PERSONAS, getattr(self, method), strict=True))


def row(
    key: str,
    args: Callable | None = None,
    *,
    get: str,
    post: str,
    path: Callable | None = None,
    why: str = "",
    data: dict | None = None,
    variant: str = "",
) -> Row:
    """A row keyed by the pattern's ``namespace:name`` (or its route, for an unnamed one).

    ``args`` gives the reverse() arguments from the scenario; ``path`` the whole path
    where reverse() cannot be used (unnamed patterns). ``variant`` names a further row of
    a pattern that already has one (e.g. another region's object in one's own workspace).
    """
    if path is None:

        def path(s, key=key, args=args):
            return reverse(key, args=args(s) if args else None)

    return Row(key, path, parse(get), parse(post), why, data or {}, variant)
