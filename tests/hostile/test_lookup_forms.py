"""The search-as-you-type fields (rkkp_portal/lookups.py) with hostile input: their lookup
views' query strings, and the forms' search button with hostile search text. Never a 500,
nothing rendered unescaped, and a search never writes (rows counted through the ORM, so
this runs on SQLite as well as PostgreSQL)."""

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import assert_escaped, assert_not_500, rolled_back
from tests.hostile.profile import examples
from tests.hostile.strategies import hostile_choice, hostile_number, hostile_text

pytestmark = pytest.mark.django_db

# (persona, URL name, arguments from the world, the field names the page's forms use)
LOOKUPS = [
    ("secretariat", "steering:person-lookup", (), ("person",)),
    ("secretariat", "steering:workplace-lookup", (), ("employer", "new_employer")),
    ("admin", "steering:group-lookup", (), ("group",)),
    ("member", "steering:group-lookup", (), ("group",)),
    ("admin", "regions:person-lookup", ("code",), ("person",)),
    ("admin", "regions:seat-lookup", ("code",), ("membership",)),
    ("admin", "representatives:candidate-lookup", (), ("person",)),
    ("circle", "representatives:candidate-lookup", (), ("person",)),
]

# (persona, URL name, arguments, valid data, the lookup fields): forms with a search button.
FORMS = [
    (
        "secretariat",
        "steering:appoint",
        ("slug",),
        {"role": "patient", "term_start": "2026-01-01", "term_number": "1"},
        ("person", "new_employer"),
    ),
    ("admin", "regions:seat-appoint", ("code",), {"term_start": "2026-01-01"}, ("group", "person")),
    ("admin", "representatives:nominate", (), {"motivation": "Erfaren"}, ("person", "group")),
    ("member", "steering:message-list", (), {}, ("group",)),
    (
        "admin",
        "regions:buyout-create",
        ("code",),
        {"starts_on": "2026-01-01", "ends_on": "2026-12-31", "annual_amount_dkk": "1"},
        ("membership",),
    ),
]


def _args(world, names: tuple) -> list:
    values = {"slug": world.group.database.slug, "code": world.hovedstaden.code}
    return [values[name] for name in names]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in ("steering", "regions", "representatives")
    }


def lookup_query(fields: tuple) -> st.SearchStrategy[dict]:
    """The lookup's parameters (``name``, ``<name>_search``, ``<name>``, ``exclude``), some
    hostile and some left out."""
    per_field = {}
    for field in fields:
        per_field[f"{field}_search"] = hostile_text()
        per_field[field] = st.one_of(hostile_choice(), hostile_number())
    optional = {
        "name": st.one_of(st.sampled_from(fields), hostile_text()),
        "exclude": st.one_of(hostile_choice(), hostile_number()),
        **per_field,
    }
    return st.fixed_dictionaries({}, optional=optional)


@pytest.mark.parametrize(
    ("persona", "name", "args", "fields"), LOOKUPS, ids=[f"{p[1]}-{p[0]}" for p in LOOKUPS]
)
@examples(8)
@given(data=st.data())
def test_hostile_lookup_queries(world, persona, name, args, fields, data):
    params = data.draw(lookup_query(fields))
    url = reverse(name, args=_args(world, args))
    with rolled_back():
        before = row_counts()
        response = getattr(world, persona).get(url, params)
        assert_not_500(response, params)
        assert response.status_code in (200, 400), response.status_code
        assert_escaped(response.content)
        assert row_counts() == before


@pytest.mark.parametrize(
    ("persona", "name", "args", "valid", "fields"), FORMS, ids=[f[1] for f in FORMS]
)
@examples(6)
@given(data=st.data())
def test_a_search_with_hostile_text_never_sends_the_form(
    world, persona, name, args, valid, fields, data
):
    typed = data.draw(st.fixed_dictionaries({f"{f}_search": hostile_text() for f in fields}))
    chosen = data.draw(st.fixed_dictionaries({}, optional={f: hostile_choice() for f in fields}))
    payload = {**valid, **typed, **chosen, "lookup": fields[0]}
    url = reverse(name, args=_args(world, args))
    with rolled_back():
        before = row_counts()
        # The outbox filter is a GET form; the others are sent by POST.
        method = "get" if name == "steering:message-list" else "post"
        response = getattr(getattr(world, persona), method)(url, payload)
        assert_not_500(response, payload)
        assert response.status_code == 200
        assert_escaped(response.content)
        assert row_counts() == before
