"""Filters, paging and other query-string parameters with hostile values, on every list,
export and page that reads them; and hostile tokens in the addresses that carry one.

A GET writes nothing, so every example also checks that no row changed."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import assert_escaped, assert_not_500, rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import (
    hostile_choice,
    hostile_date,
    hostile_number,
    hostile_text,
)

pytestmark = pytest.mark.django_db

# (persona, URL name, arguments from the world, the parameters the page reads)
PAGES = [
    ("secretariat", "dashboard", (), ()),
    (
        "secretariat",
        "steering:database-list",
        (),
        ("q", "status", "umbrella", "disease_area", "represented", "missing", "problem"),
    ),
    ("secretariat", "steering:database-export", ("csv",), ("q", "status", "problem")),
    ("secretariat", "steering:database-export", ("xlsx",), ("q", "represented", "missing")),
    (
        "secretariat",
        "steering:person-list",
        (),
        ("q", "region", "workplace", "employer", "role", "database", "group", "term_ends_before"),
    ),
    ("admin", "steering:person-list", (), ("q", "region", "role", "workplace", "database")),
    ("secretariat", "steering:person-export", ("csv",), ("q", "role", "term_ends_before")),
    ("secretariat", "steering:person-export", ("xlsx",), ("q", "group", "employer", "database")),
    ("secretariat", "steering:compliance", (), ("rule", "page")),
    ("secretariat", "steering:compliance-export", ("csv",), ()),
    (
        "secretariat",
        "steering:message-list",
        (),
        ("kind", "status", "recipient", "group", "created_from", "created_to"),
    ),
    ("member", "steering:message-list", (), ("recipient", "group", "created_from")),
    ("secretariat", "steering:meeting-plan", (), ("year", "month")),
    ("secretariat", "steering:attendance-statistics", (), ("by", "format")),
    ("secretariat", "steering:attendance-year", (), ("year", "view", "order")),
    ("admin", "steering:attendance-year", (), ("year", "view", "order")),
    ("secretariat", "steering:compliance-forecast", (), ("all",)),
    ("admin", "steering:compliance-forecast", (), ("all",)),
    ("secretariat", "steering:declaration-overview", (), ("year", "status", "group", "region")),
    ("secretariat", "steering:declaration-remind", (), ("year", "status", "group", "region")),
    ("secretariat", "steering:appoint", ("slug",), ("person",)),
    ("secretariat", "search", (), ("q",)),
    ("admin", "search", (), ("q",)),
    ("secretariat", "accounts:sign-in-list", (), ("person", "kind", "outcome", "page")),
    ("secretariat", "steering:compliance-representation", (), ("missing", "page")),
    ("secretariat", "steering:group-letters", ("slug",), ("page",)),
    ("admin", "regions:seat-appoint", ("code",), ("group",)),
    ("secretariat", "regions:request-create", ("code",), ("group",)),
    ("admin", "regions:request-list", ("code",), ("status", "q")),
    ("admin", "regions:buyout-report", ("code",), ("year", "format")),
    ("secretariat", "regions:buyout-report-all", (), ("year", "format")),
    ("admin", "regions:letter-preview", ("code",), ("role", "language")),
    ("admin", "regions:letter-preview-html", ("code",), ("role", "language")),
    ("admin", "representatives:nominate", (), ("person", "group")),
    ("circle", "representatives:overview", (), ()),
    ("member", "me", (), ()),
    ("anonymous", "steering:public-roster", (), ()),
]


def _args(world, names: tuple) -> list:
    values = {"slug": world.group.database.slug, "code": world.hovedstaden.code}
    return [values.get(name, name) for name in names]


def hostile_value() -> st.SearchStrategy[str]:
    return st.one_of(hostile_text(), hostile_date(), hostile_number(), hostile_choice())


def query(keys: tuple) -> st.SearchStrategy[dict]:
    known = st.fixed_dictionaries({}, optional={k: hostile_value() for k in (*keys, "page")})
    unknown = st.dictionaries(st.text(min_size=1, max_size=20), hostile_text(), max_size=2)
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


@pytest.mark.parametrize(
    ("persona", "name", "args", "keys"), PAGES, ids=[f"{p[1]}-{p[0]}" for p in PAGES]
)
@examples(6)
@given(data=st.data())
def test_hostile_query_strings(world, persona, name, args, keys, data):
    params = data.draw(query(keys))
    url = reverse(name, args=_args(world, args))
    with rolled_back():
        submit(getattr(world, persona), url, params, method="get")


TOKEN_PAGES = [
    ("anonymous", "steering:rsvp", lambda token, world: [token]),
    ("member", "steering:rsvp", lambda token, world: [token]),
    ("anonymous", "steering:calendar-feed", lambda token, world: [token]),
    ("anonymous", "steering:calendar-group-feed", lambda token, world: [token, world.group.pk]),
    ("anonymous", "steering:public-database", lambda token, world: [token]),
]


@pytest.mark.parametrize(("persona", "name", "args"), TOKEN_PAGES, ids=[p[1] for p in TOKEN_PAGES])
@examples(6)
@given(token=hostile_text())
def test_hostile_tokens_in_the_address(world, persona, name, args, token):
    # Reverse with a harmless token, then put the hostile one, percent-encoded, in its place.
    placeholder = "token-placeholder"
    url = reverse(name, args=args(placeholder, world)).replace(placeholder, quote(token, safe=""))
    with rolled_back():
        response = getattr(world, persona).get(url)
        assert_not_500(response, token)
        if response.get("Content-Type", "").startswith("text/html"):
            assert_escaped(response.content)
