"""What the search reads of a row: its own text columns, lower case, with the Danish letters
and common accents spelt out as ``folding.fold`` spells them in a query.

On PostgreSQL the same expression is indexed twice (``search_indexes``): with pg_trgm's
``gin_trgm_ops`` for "a word like this" (typos) and as a ``simple`` text-search vector for
"these words in any order". Both indexes need an immutable expression, so the folding is
``lower``, ``translate`` and ``replace`` rather than ``unaccent`` (which PostgreSQL marks
only stable), and the columns are those of the row itself: a person's workplace is
searched through the organisations' own index (``finding``).
"""

import functools

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat, Lower, Replace

# The columns of each model's search indexes (its ``Meta.indexes``), in this order.
PERSON_TEXT = ("first_name", "last_name", "email")
DATABASE_TEXT = ("name", "acronym", "slug")
ORGANISATION_TEXT = ("name", "short_name")

# Letters fold() spells differently from how they are written: æ by unaccent's rule, the
# rest by dropping the accent (ø as unaccent does).
SPELT_OUT = ("æ", "ae")
WRITTEN = "øåäáàéèëíóöúüñç"
PLAIN = "oaaaaeeeiooouunc"


# Built once per set of fields: a query resolves a copy of the expression, never the
# expression itself, and building it anew made each search build some 250 fields.
@functools.cache
def document(*fields: str) -> Func:
    """The row's searchable text: its ``fields`` joined by spaces, folded."""
    # Concat reads a missing value as empty, as the index must.
    spaced = [piece for name in fields for piece in (F(name), _text(" "))][:-1]
    text = Lower(Concat(*spaced, output_field=TextField()))
    plain = Func(text, _text(WRITTEN), _text(PLAIN), function="TRANSLATE", output_field=TextField())
    return Replace(plain, _text(SPELT_OUT[0]), _text(SPELT_OUT[1]), output_field=TextField())


def _text(text: str) -> Value:
    """A string value whose field is worked out now, once: every copy a query resolves
    shares it, where each copy made itself a CharField (about 200 a search). Not given as
    ``output_field=``, which would change the indexes' definition."""
    value = Value(text)
    value.output_field  # noqa: B018 - a cached property, read to be kept
    return value


@functools.cache
def words(*fields: str) -> SearchVector:
    """The same text as words for full-text search (the ``simple`` configuration: no
    language's stemming, which would not know a name)."""
    return SearchVector(document(*fields), config="simple")


def search_indexes(prefix: str, *fields: str) -> list[GinIndex]:
    """The two indexes the search of a model reads, for its ``Meta.indexes``. Created on
    PostgreSQL only (``rkkp_portal.migration_operations.AddIndexOnPostgreSQL``)."""
    return [
        GinIndex(OpClass(document(*fields), name="gin_trgm_ops"), name=f"{prefix}_search_trgm"),
        GinIndex(words(*fields), name=f"{prefix}_search_words"),
    ]
