"""A roster's columns as people name them, and names as people write them.

A header cell is recognised whatever its case, spacing, ``_``/``-``/``.`` and however its
Danish letters are written (æ/ae, ø/oe/o, å/aa/a), so "Udløb", "udlob" and "UDLOEB" are
the same column.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

# The import's own names for its columns, in the order the preview shows them.
COLUMNS = (
    "full_name",
    "first_name",
    "last_name",
    "email",
    "title",
    "profession",
    "workplace",
    "database",
    "role",
    "region",
    "appointing_body",
    "term_start",
    "term_end",
    "term_number",
)

COLUMN_LABELS = {
    "full_name": _("Full name"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("E-mail"),
    "title": _("Title"),
    "profession": _("Professional background"),
    "workplace": _("Workplace"),
    "database": _("Database"),
    "role": _("Role"),
    "region": _("Region"),
    "appointing_body": _("Appointed by"),
    "term_start": _("Term start"),
    "term_end": _("Term end"),
    "term_number": _("Term number"),
}

# What people write in a header, Danish and English; compared after ``fold``.
ALIASES = {
    "full_name": ["navn", "fulde navn", "fuldt navn", "name", "full name", "medlem"],
    "first_name": ["fornavn", "fornavne", "first name", "given name"],
    "last_name": ["efternavn", "last name", "surname", "family name"],
    "email": [
        "email",
        "e-mail",
        "mail",
        "e-mailadresse",
        "mailadresse",
        "e-mail address",
        "arbejdsmail",
    ],
    "title": ["titel", "stilling", "stillingsbetegnelse", "title", "job title", "position"],
    "profession": ["profession", "faggruppe", "fagområde", "uddannelse", "background"],
    "workplace": [
        "workplace",
        "arbejdssted",
        "ansættelsessted",
        "afdeling",
        "arbejdsplads",
        "arbejdsgiver",
        "employer",
        "department",
        "hospital",
        "sygehus",
    ],
    "database": [
        "database",
        "register",
        "databasenavn",
        "kvalitetsdatabase",
        "klinisk kvalitetsdatabase",
        "styregruppe",
        "steering group",
    ],
    "role": ["role", "rolle", "funktion", "function", "post", "hverv"],
    "region": ["region", "repræsenterer region", "representing region", "regionsrepræsentant"],
    "appointing_body": [
        "appointing body",
        "appointed by",
        "udpeget af",
        "udpegende part",
        "udpegende instans",
        "indstillet af",
    ],
    "term_start": [
        "term start",
        "periode start",
        "periodestart",
        "udpeget fra",
        "udpeget",
        "start",
        "startdato",
        "fra",
        "from",
        "start date",
        "indtrådt",
    ],
    "term_end": [
        "term end",
        "periode slut",
        "periodeslut",
        "udløb",
        "udløber",
        "udpeget til",
        "slut",
        "slutdato",
        "til",
        "to",
        "end date",
    ],
    "term_number": [
        "term number",
        "periode nr",
        "periodenr",
        "periodenummer",
        "periode",
        "term",
        "nr",
    ],
}


def fold(text: str) -> str:
    """Lower case, letters and digits only, Danish letters however written."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]", "", text)
    return text.replace("aa", "a").replace("oe", "o").replace("ae", "a")


_BY_ALIAS = {fold(alias): column for column, aliases in ALIASES.items() for alias in aliases}
_BY_ALIAS.update({fold(column): column for column in COLUMNS})


def detect(header: list[str]) -> list[str]:
    """The import's column for each header cell ("" for a column it does not know).

    The first cell naming a column wins; a second one of the same name is left out."""
    taken: set[str] = set()
    mapping = []
    for cell in header:
        column = _BY_ALIAS.get(fold(cell), "")
        if column in taken:
            column = ""
        taken.add(column)
        mapping.append(column)
    return mapping


def missing(mapping: list[str]) -> list[str]:
    """The required columns the mapping lacks (a full name stands for first and last)."""
    present = set(mapping)
    needed = ["email", "database", "role", "term_start"]
    if "full_name" not in present:
        needed[1:1] = ["first_name", "last_name"]
    return [column for column in needed if column not in present]


# Written in lower case inside a name, these belong to the last name ("van der Berg").
PARTICLES = {"van", "der", "den", "de", "von", "zu", "af", "la", "le", "du", "da", "di", "del"}


def split_name(full_name: str) -> tuple[str, str]:
    """First and last name of a full name: "Berg, Anna Marie" or "Anna Marie van der Berg".

    The last word is the last name, with the particles before it; every word before is
    the first name, so double first names stay together."""
    full_name = " ".join(full_name.split())
    if "," in full_name:
        last, _comma, first = full_name.partition(",")
        return first.strip(), last.strip()
    words = full_name.split(" ")
    if len(words) < 2:
        return full_name, ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])
