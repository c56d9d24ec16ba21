"""Every page the page benchmark measures costs the same number of queries whatever the
amount of data: rendered for each role that may see it, once with a little data and again
after the register has grown (more groups, seats, meetings, letters and buy-outs, in the
persona's own groups and region too)."""

import pytest

from tests.factories import region
from tests.perf.growth import grow

DASHBOARD_ROLES = ["secretariat", "admin_hovedstaden", "circle_member", "chair", "member"]
READERS = ["secretariat", "admin_hovedstaden", "circle_member"]


def _database_page(ctx) -> str:
    return f"/databases/{ctx['group'].database.slug}/"


def _people_by_region_and_role(ctx) -> str:
    return f"/people/?region={region('hovedstaden').pk}&role=member"


def _person_page(ctx) -> str:
    return f"/people/{ctx['member_seat'].person_id}/"


PAGES = [
    *[("dashboard", persona, lambda ctx: "/") for persona in DASHBOARD_ROLES],
    *[("databases", persona, lambda ctx: "/databases/") for persona in [*READERS, "member"]],
    ("databases with a problem", "secretariat", lambda ctx: "/databases/?problem=any"),
    *[("database page", persona, _database_page) for persona in ["secretariat", "member"]],
    ("database page", "admin_hovedstaden", _database_page),
    ("people by region and role", "secretariat", _people_by_region_and_role),
    ("people by name", "admin_hovedstaden", lambda ctx: "/people/?q=karen"),
    *[("person page", persona, _person_page) for persona in ["secretariat", "admin_hovedstaden"]],
    *[("compliance", persona, lambda ctx: "/compliance/") for persona in READERS],
    ("compliance rule", "secretariat", lambda ctx: "/compliance/?rule=regions"),
    *[("forecast", persona, lambda ctx: "/compliance/forecast/") for persona in READERS],
    ("forecast, every group", "secretariat", lambda ctx: "/compliance/forecast/?all=1"),
    *[
        ("group forecast", persona, lambda ctx: f"{_database_page(ctx)}forecast/")
        for persona in READERS
    ],
    ("region workspace", "admin_hovedstaden", lambda ctx: "/regions/hovedstaden/"),
    ("region people", "admin_hovedstaden", lambda ctx: "/regions/hovedstaden/people/"),
    *[("me", persona, lambda ctx: "/me/") for persona in ["chair", "member"]],
    *[("planning", persona, lambda ctx: "/meetings/plan/") for persona in READERS],
    *[
        ("attendance", "secretariat", lambda ctx, by=by: f"/meetings/attendance/?by={by}")
        for by in ("member", "group", "region", "leadership")
    ],
    *[
        (
            "attendance by year",
            persona,
            lambda ctx, view=view: f"/meetings/attendance/year/?view={view}",
        )
        for persona in READERS
        for view in ("regions", "groups")
    ],
    *[("representatives", persona, lambda ctx: "/representatives/") for persona in READERS],
    *[("search", persona, lambda ctx: "/search/?q=karen jensen") for persona in READERS],
    ("declarations", "secretariat", lambda ctx: "/declarations/"),
    ("declarations missing", "secretariat", lambda ctx: "/declarations/?status=missing"),
    (
        "declarations by group and region",
        "secretariat",
        lambda ctx: f"/declarations/?group={ctx['group'].pk}&region={region('hovedstaden').pk}",
    ),
    ("declarations reminder", "secretariat", lambda ctx: "/declarations/remind/?status=missing"),
]


@pytest.mark.parametrize(
    ("page", "persona", "path_for"),
    PAGES,
    ids=[f"{page}-{persona}" for page, persona, _path in PAGES],
)
def test_the_page_costs_the_same_queries_with_more_data(
    client,
    request,
    page,
    persona,
    path_for,
    group,
    member_seat,
    chair_seat,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    own_seats = [member_seat, chair_seat]
    path = path_for({"group": group, "member_seat": member_seat})
    grow(1, own_seats=own_seats)
    assert client.get(path).status_code == 200  # warm process-wide caches
    with django_assert_max_num_queries(30) as small:
        assert client.get(path).status_code == 200
    grow(2, own_seats=own_seats)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(path).status_code == 200
