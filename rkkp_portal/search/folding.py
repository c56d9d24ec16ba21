"""Danish letters folded the way PostgreSQL's ``unaccent`` folds them, so that "Soren" finds
"Søren" and "Kjaer" finds "Kjær" on both sides of a comparison."""

import unicodedata

# unaccent's rules for the letters NFKD does not decompose.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case, the Danish letters spelt out, other accents dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


# The ways the Danish letters are written without them, for the embedded default (SQLite
# has no unaccent): each term is also tried with these written back.
_SPELLINGS = (("aa", "å"), ("ae", "æ"), ("oe", "ø"), ("a", "å"), ("o", "ø"))


_CAPITALS = str.maketrans("æøå", "ÆØÅ")


def spellings(term: str) -> set[str]:
    """The term as typed, folded, and with each way of writing a Danish letter written back;
    each also with its Danish letters as capitals, since SQLite's LIKE ignores case only in
    ASCII ("østergaard" must find "Østergaard")."""
    variants = {term.lower(), fold(term)}
    for plain in list(variants):
        for written, letter in _SPELLINGS:
            if written in plain:
                variants.add(plain.replace(written, letter))
    return variants | {variant.translate(_CAPITALS) for variant in variants}
