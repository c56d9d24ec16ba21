"""Passwords that attackers try first are refused (AUTH_PASSWORD_VALIDATORS).

Django's own CommonPasswordValidator knows ~20,000 passwords, of which only 190 are long
enough to pass our 12-character minimum. This one checks, offline, ~416,000 passwords
from published breach corpora (data/README.md names the source and licence): the password
itself, and the password with the digits and symbols people put around a word removed
("Sommer2024!!" is "sommer" decorated). The list is held as sorted 8-byte hashes (about
3 MB per process, not the ~40 MB of a set of strings), read once on first use (~0.5 s).
"""

import gzip
from array import array
from bisect import bisect_left
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST_PATH = Path(__file__).with_name("data") / "common-passwords.txt.gz"

# Words anyone guessing at this portal's logins tries first (NIST SP 800-63B: "context-
# specific words"), and Danish words missing from the mostly English breach corpora.
CONTEXT_WORDS = frozenset(
    {
        "rkkp",
        "styregruppe",
        "styregruppen",
        "styregruppeportal",
        "styregruppeportalen",
        "kvalitetsdatabase",
        "databaser",
        "adgangskode",
        "velkommen",
        "sygehus",
        "hospitalet",
        "regionen",
        "københavn",
        "forår",
        "efterår",
    }
)
DECORATION = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~§½¤£€"
MIN_DISTINCT_CHARACTERS = 5


class PasswordList:
    """Words held as their sorted 64-bit ``hash()``: a false match is ~1 in 10^13 per check.

    Python's string hash is salted per process, which is fine: the hashes are made and
    looked up in the same process, never stored.
    """

    def __init__(self, words):
        self._hashes = array("q", sorted(hash(word) for word in words))

    @classmethod
    def read(cls, path: Path) -> "PasswordList":
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            return cls(lines.read().splitlines())

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, word: str) -> bool:
        digest = hash(word)
        index = bisect_left(self._hashes, digest)
        return index < len(self._hashes) and self._hashes[index] == digest


@cache
def common_passwords() -> PasswordList:
    return PasswordList.read(LIST_PATH)


class CommonPasswordValidator:
    """Refuse a password from a breach corpus, plain or decorated, or one of few characters."""

    def validate(self, password: str, user=None) -> None:
        candidate = password.strip().lower()
        known = common_passwords()
        if candidate in known:
            raise ValidationError(
                _("This password appears in lists of leaked passwords."),
                code="password_too_common",
            )
        word = candidate.strip(DECORATION)
        if word in known or word in CONTEXT_WORDS:
            raise ValidationError(
                _(
                    "This password is too easy to guess: a common word or password, "
                    "perhaps with digits or symbols around it."
                ),
                code="password_too_common",
            )
        if len(set(candidate)) < MIN_DISTINCT_CHARACTERS:
            raise ValidationError(
                _("This password uses too few different characters."),
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common password or appear in lists of leaked ones.")
