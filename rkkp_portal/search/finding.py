"""The search behind ``/search/``: people, databases (each with its steering group) and
organisations, scoped by the same querysets as their own lists.

On PostgreSQL the matches are ranked by trigram word similarity and full-text search over
the folded text (``unaccent``, ``pg_trgm``: steering migration 0016), so a misspelt or
Danish-letter-free query still finds its row. The embedded default (SQLite) has neither:
there each term must occur in a field, as typed or with the Danish letters written back
(``folding.spellings``), and rows come in name order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.access import organisations_visible_to
from rkkp_portal.search.folding import fold, spellings
from steering.access import databases_visible_to, people_visible_to

# At most this many rows of each kind; the page says when there were more.
LIMIT = 20
# word_similarity at or above this is a match: "Sorn" for "Søren" is 0.6, "Hansen" for
# "Jensen" 0.43 (not a match).
SIMILARITY = 0.45


@dataclass(frozen=True)
class Hit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Kind:
    key: str
    heading: str
    rows: Callable[[object], QuerySet]
    fields: tuple[str, ...]
    hit: Callable[[object], Hit]


@dataclass
class Found:
    kind: Kind
    hits: list[Hit]
    more: bool


def _person(person) -> Hit:
    workplace = str(person.employer) if person.employer_id else ""
    return Hit(
        person.full_name,
        " · ".join(filter(None, [person.email, workplace])),
        person.get_absolute_url(),
    )


def _database(database) -> Hit:
    title = f"{database.name} ({database.acronym})" if database.acronym else database.name
    return Hit(title, database.disease_area, database.get_absolute_url())


def _organisation(organisation) -> Hit:
    region = organisation.region.name if organisation.region_id else ""
    url = f"{reverse('steering:person-list')}?employer={organisation.pk}"
    return Hit(str(organisation), " · ".join(filter(None, [str(organisation.kind), region])), url)


KINDS = (
    Kind(
        "people",
        _("People"),
        lambda user: people_visible_to(user).select_related("employer__parent"),
        ("first_name", "last_name", "email", "employer__name", "employer__parent__name"),
        _person,
    ),
    Kind(
        "databases",
        _("Databases and their steering groups"),
        databases_visible_to,
        ("name", "acronym", "slug"),
        _database,
    ),
    Kind(
        "organisations",
        _("Workplaces and organisations"),
        lambda user: organisations_visible_to(user).select_related("parent", "kind", "region"),
        ("name", "short_name", "parent__name", "parent__short_name"),
        _organisation,
    ),
)


def search(user, query: str) -> list[Found]:
    """Every kind the user may search, with its best rows (one query per kind)."""
    found = []
    for kind in KINDS:
        rows = kind.rows(user)
        if connection.vendor == "postgresql":
            rows = _ranked(rows, kind.fields, query)
        else:
            rows = _matched(rows, kind.fields, query)
        rows = list(rows[: LIMIT + 1])
        found.append(Found(kind, [kind.hit(row) for row in rows[:LIMIT]], len(rows) > LIMIT))
    return found


def _ranked(rows: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    folded = fold(query)
    text = [Unaccent(Lower(Coalesce(F(name), Value("")))) for name in fields]
    spaced = [part for piece in text for part in (piece, Value(" "))][:-1]
    document = Concat(*spaced, output_field=CharField())
    terms = SearchQuery(folded, config="simple")
    return (
        rows.annotate(
            similarity=TrigramWordSimilarity(folded, document),
            words=SearchVector(*text, config="simple"),
        )
        .annotate(rank=F("similarity") + SearchRank(F("words"), terms))
        .filter(Q(similarity__gte=SIMILARITY) | Q(words=terms))
        .order_by("-rank", *rows.model._meta.ordering, "pk")
    )


def _matched(rows: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    for term in query.split():
        matches = Q()
        for spelling in spellings(term):
            for name in fields:
                matches |= Q(**{f"{name}__icontains": spelling})
        rows = rows.filter(matches)
    return rows.order_by(*rows.model._meta.ordering, "pk")
