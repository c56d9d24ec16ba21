"""Every row of the grid, keyed by URL pattern (see ``notation`` for how a row reads)."""

from tests.permission_grid.rows import (
    admin,
    allauth,
    jobs,
    meetings,
    regions,
    register,
    representatives,
    site,
)

MODULES = (site, register, meetings, regions, representatives, allauth, admin, jobs)


def all_rows() -> dict:
    rows = {}
    for module in MODULES:
        for r in module.ROWS:
            assert r.id not in rows, f"two rows for {r.id!r} (give one a variant)"
            rows[r.id] = r
    return rows


ROWS = all_rows()
# The URL patterns the rows cover (variants share their pattern's key).
KEYS = {r.key for r in ROWS.values()}
