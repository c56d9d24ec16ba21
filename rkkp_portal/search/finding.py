"""The search behind ``/search/``: people, databases (each with its steering group) and
organisations, scoped by the same querysets as their own lists.

On PostgreSQL a row matches when a word of its folded text is like the query (pg_trgm's
word similarity, ``%>``) or when it holds all the query's words (full-text search), each
read off an index of the row's own columns (``documents``), so a misspelt or
Danish-letter-free query still finds its row; those rows come closest first. People
whose workplace matches, and organisations whose parent does, follow in name order, found
through the organisations' own index. The embedded default (SQLite)
has neither: there each term must occur in a field, as typed or with the Danish letters
written back (``folding.spellings``), and rows come in name order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.access import organisations_visible_to
from regions.models import Organisation
from rkkp_portal.search.documents import (
    DATABASE_TEXT,
    ORGANISATION_TEXT,
    PERSON_TEXT,
    document,
    words,
)
from rkkp_portal.search.folding import fold, spellings
from steering.access import databases_visible_to, people_visible_to

# At most this many rows of each kind; the page says when there were more.
LIMIT = 20


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
    fields: tuple[str, ...]  # all the text shown: what SQLite matches and ranks are of
    own: tuple[str, ...]  # the row's indexed columns
    hit: Callable[[object], Hit]
    # Matches through related rows: given the organisations whose own text matches.
    related: Callable[[QuerySet], Q] | None = None
    # The rows are organisations: those whose own text matches are read already.
    workplaces: bool = False


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
        # Only the columns a hit shows: the ranked rows are read before they are cut.
        lambda user: (
            people_visible_to(user)
            .select_related("employer__parent")
            .only(
                *PERSON_TEXT,
                "employer__name",
                "employer__parent__name",
                "employer__parent__short_name",
            )
        ),
        (*PERSON_TEXT, "employer__name", "employer__parent__name"),
        PERSON_TEXT,
        _person,
        # The workplaces and their departments as a subquery on the organisations: asked
        # as "employer or employer's parent", the OR across the join read every person
        # (3.4 ms at scale 10 when nothing matched; this way 0.3 ms).
        lambda organisations: Q(
            employer__in=Organisation.objects.filter(
                Q(pk__in=organisations) | Q(parent__in=organisations)
            )
        ),
    ),
    Kind(
        "databases",
        _("Databases and their steering groups"),
        databases_visible_to,
        DATABASE_TEXT,
        DATABASE_TEXT,
        _database,
    ),
    Kind(
        "organisations",
        _("Workplaces and organisations"),
        lambda user: organisations_visible_to(user).select_related("parent", "kind", "region"),
        (*ORGANISATION_TEXT, "parent__name", "parent__short_name"),
        ORGANISATION_TEXT,
        _organisation,
        lambda organisations: Q(parent__in=organisations),
        workplaces=True,
    ),
)


def search(user, query: str) -> list[Found]:
    """Every kind the user may search, with its best rows (one query per kind; on
    PostgreSQL one for the matching organisations and one more each for the people and
    organisations found through them)."""
    found = []
    workplaces = None
    for kind in KINDS:
        rows = kind.rows(user)
        if connection.vendor == "postgresql":
            if kind.related and workplaces is None:
                workplaces = _workplaces(fold(query))
            rows = _ranked(rows, kind, fold(query), workplaces)
        else:
            rows = list(_matched(rows, kind.fields, query)[: LIMIT + 1])
        found.append(Found(kind, [kind.hit(row) for row in rows[:LIMIT]], len(rows) > LIMIT))
    return found


def _matching(rows: QuerySet, own: tuple[str, ...], folded: str) -> QuerySet:
    """The rows whose own text has a word like ``folded`` or holds all its words: the
    filter the two search indexes answer."""
    return rows.alias(search_text=document(*own), search_words=words(*own)).filter(
        Q(search_text__trigram_word_similar=folded)
        | Q(search_words=SearchQuery(folded, config="simple"))
    )


def _workplaces(folded: str) -> list[int]:
    """The organisations whose own text matches, as ids: read once, so that what is found
    through them filters on a list of ids whatever the planner would make of the matching
    (as a subquery it was at times asked again for every person). An id no row has stands
    in for none, so that the search costs the same queries whatever matches."""
    matching = _matching(Organisation.objects.order_by(), ORGANISATION_TEXT, folded)
    return list(matching.values_list("pk", flat=True)) or [0]


def _ranked(rows: QuerySet, kind: Kind, folded: str, workplaces: list[int] | None) -> list:
    """The rows whose own text matches, closest first; then, while there is room, those
    whose workplace or parent matches, in name order. Those are not ranked: a workplace's
    thousands of people would each cost a similarity over their whole text."""
    # Closeness is the word similarity alone: a row holding the query's words scores near
    # 1 by it too, and a full-text rank on top read each matching row's words again (the
    # people's ranked query at scale 10, 173 rows for "soren": 4.3 ms, now 3.4).
    closeness = TrigramWordSimilarity(folded, document(*kind.own))
    ordering = (*rows.model._meta.ordering, "pk")
    # The organisations whose own text matches are ``workplaces``: filtered by their ids,
    # the query neither builds nor plans the match again.
    matching = (
        rows.filter(pk__in=workplaces) if kind.workplaces else _matching(rows, kind.own, folded)
    )
    closest = matching.annotate(rank=closeness)
    found = list(closest.order_by(F("rank").desc(), *ordering)[: LIMIT + 1])
    if kind.related:
        # Asked even when the page is full, so that the search costs the same queries
        # whatever it finds.
        through = rows.filter(kind.related(workplaces))
        through = through.exclude(pk__in=[row.pk for row in found]).order_by(*ordering)
        found += through[: max(1, LIMIT + 1 - len(found))]
    return found


def _matched(rows: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    for term in query.split():
        matches = Q()
        for spelling in spellings(term):
            for name in fields:
                matches |= Q(**{f"{name}__icontains": spelling})
        rows = rows.filter(matches)
    return rows.order_by(*rows.model._meta.ordering, "pk")
