"""The Danish catalogue (locale/da/LC_MESSAGES/django.po) is complete and current.

Danish is the portal's default language and every msgid in code and templates is English,
so an untranslated or fuzzy entry shows English to Danish users. None of these tests needs
the database.
"""

import itertools
import json
import re
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
PO_PATH = LOCALE_DIR / "da" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
SOURCE_MAP = LOCALE_DIR / "da_source_map.json"

PYTHON_DIRS = ["rkkp_portal", "steering", "regions", "representatives"]
TEMPLATE_DIRS = ["templates"]

# printf-style placeholders as gettext's python-format understands them ("%%" is literal).
PLACEHOLDER = re.compile(r"%(?:\((?P<name>\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")

# _("…"), gettext("…"), gettext_lazy("…") with one plain literal as the first argument.
# A literal followed by another literal (implicit concatenation), f-strings and literals
# with backslash escapes are left out: they cannot be matched against the msgid exactly.
GETTEXT_CALL = re.compile(
    r"""(?<![\w.])(?:_|gettext|gettext_lazy)\(\s*(?P<q>["'])(?P<text>(?:(?!(?P=q))[^\\\n])*)(?P=q)\s*[,)]"""
)
# {% translate "…" %} / {% trans '…' %}, optionally with "noop" or "as var".
TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<text>(?:(?!(?P=q))[^\\\n])*)(?P=q)"""
    r"""(?P<options>[^%\n]*)%\}"""
)


@pytest.fixture(scope="module")
def catalogue():
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run makemessages -l da"
    return polib.pofile(str(PO_PATH))


def placeholders(text):
    """The placeholders of a python-format string: names as a set, positional ones in order."""
    found = [m for m in PLACEHOLDER.finditer(text) if m.group() != "%%"]
    named = {m["name"] for m in found if m["name"]}
    positional = [m.group() for m in found if not m["name"]]
    return named, positional


def describe(entry):
    return repr(entry.msgid)


def test_header_is_danish_and_not_fuzzy(catalogue):
    assert not catalogue.metadata_is_fuzzy, "the header is marked fuzzy"
    assert catalogue.metadata.get("Language") == "da"
    assert catalogue.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in catalogue.metadata.get("Content-Type", "")


def test_every_entry_is_translated(catalogue):
    untranslated = [describe(e) for e in catalogue.untranslated_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated}"


def test_no_entry_is_fuzzy(catalogue):
    fuzzy = [describe(e) for e in catalogue.fuzzy_entries()]
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy}"


def test_no_obsolete_entries(catalogue):
    obsolete = [describe(e) for e in catalogue.obsolete_entries()]
    assert not obsolete, f"run makemessages with --no-obsolete; obsolete: {obsolete}"


def test_translations_keep_the_placeholders(catalogue):
    broken = []
    for entry in catalogue.translated_entries():
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if placeholders(source) != placeholders(translated):
                broken.append(f"{source!r} -> {translated!r}")
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


def test_source_map_is_applied_exactly(catalogue):
    """Entries that have an original Danish text use it word for word."""
    source_map = json.loads(SOURCE_MAP.read_text(encoding="utf-8"))
    differing = [
        f"{e.msgid!r}: {e.msgstr!r} != {source_map[e.msgid]!r}"
        for e in catalogue
        if not e.msgctxt and not e.msgid_plural and e.msgid in source_map
        if e.msgstr != source_map[e.msgid]
    ]
    assert not differing, "\n".join(differing)


def _source_files():
    for directory in PYTHON_DIRS:
        for path in sorted((BASE_DIR / directory).rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield path, [GETTEXT_CALL]
    for directory in TEMPLATE_DIRS:
        for path in sorted((BASE_DIR / directory).rglob("*")):
            if path.suffix in {".html", ".txt"}:
                yield path, [TRANSLATE_TAG, GETTEXT_CALL]


def literal_msgids():
    """(file, literal) for every simple translatable literal in code and templates."""
    found = []
    for path, patterns in _source_files():
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for match in pattern.finditer(text):
                literal = match["text"]
                options = (match.groupdict().get("options") or "").split()
                if not literal or "context" in options:
                    continue
                if pattern is TRANSLATE_TAG and "%" in literal:
                    # makemessages doubles "%" in template literals; not comparable as is.
                    continue
                found.append((path.relative_to(BASE_DIR).as_posix(), literal))
    return found


def test_the_scan_finds_literals():
    """Guards the regexes: a scan that finds nothing would make the next test pointless."""
    literals = {literal for _path, literal in literal_msgids()}
    assert "Dashboard" in literals  # {% translate %} in a template
    assert "Every region represented" in literals  # gettext_lazy as _ in Python
    assert "Error" in literals  # _("…") inside a template tag's arguments
    assert len(literals) > 100


def test_catalogue_is_current(catalogue):
    """Every literal in the code is a msgid: adding a string means running makemessages."""
    msgids = {e.msgid for e in catalogue if not e.obsolete}
    missing = sorted(
        {f"{path}: {literal!r}" for path, literal in literal_msgids() if literal not in msgids}
    )
    assert not missing, (
        "not in locale/da/LC_MESSAGES/django.po (run makemessages -l da and translate):\n"
        + "\n".join(missing)
    )


@pytest.fixture(scope="session")
def compiled_catalogue():
    """Compile the catalogue when its .mo is missing or older than the .po."""
    if not MO_PATH.exists() or MO_PATH.stat().st_mtime < PO_PATH.stat().st_mtime:
        call_command("compilemessages", ignore=[".venv", "node_modules"], verbosity=0)
    assert MO_PATH.exists()
    return MO_PATH


@pytest.fixture
def fresh_translations(compiled_catalogue, settings):
    # Re-assigning LOCALE_PATHS fires setting_changed, which makes Django drop the
    # translations it has loaded, so a .mo compiled just now is read.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


@pytest.mark.usefixtures("fresh_translations")
def test_danish_is_served_from_the_compiled_catalogue():
    with translation.override("da"):
        assert translation.gettext("Dashboard") == "Overblik"
        assert translation.gettext("Chair") == "Formand"
        assert translation.gettext("Sign out") == "Log ud"
        assert translation.gettext("Accessibility statement") == "Tilgængelighedserklæring"
        assert (
            translation.ngettext("%(counter)s database", "%(counter)s databases", 2)
            % {"counter": 2}
            == "2 databaser"
        )
    with translation.override("en"):
        assert translation.gettext("Dashboard") == "Dashboard"


# --- Danish as Danes write it -------------------------------------------------------------

# Stiff or wrong Danish that has been seen in the portal (from allauth's catalogue or our
# own): none of it may come back.
KNOWN_BAD = [
    "succesfuldt",  # "Loggede succesfuldt ind med …"
    "med success",  # "Password ændret med success."
    "venligst",  # "please" is not written out in Danish: say what to do
    "Password",  # the Danish word is "adgangskode"
]
# Danish from allauth that the portal replaces (rkkp_portal/accounts/wording.py).
ALLAUTH_REPLACED = {
    "Successfully signed in as %(name)s.": "Du er logget ind som %(name)s.",
    "Password successfully changed.": "Din adgangskode er skiftet.",
    "Two-Factor Authentication": "Login i to trin",
}

HEADING = re.compile(
    r"<(?P<tag>h[1-6]|th|caption|legend|title)\b[^>]*>(?P<body>.*?)</(?P=tag)>", re.S
)
LEADING_TRANSLATION = re.compile(
    r"""^\s*(?:\{%\s*(?:translate|trans)\s+"(?P<plain>[^"]+)"\s*%\}"""
    r"""|\{%\s*blocktranslate\b[^%]*%\}(?P<block>.*?)\{%\s*endblocktranslate\s*%\})""",
    re.S,
)


def heading_msgids():
    """(file, msgid) for every heading, caption, legend and column header that starts with a
    translated text."""
    found = set()
    for path in sorted((BASE_DIR / "templates").rglob("*.html")):
        for match in HEADING.finditer(path.read_text(encoding="utf-8")):
            leading = LEADING_TRANSLATION.match(match["body"])
            if not leading:
                continue
            msgid = leading["plain"] or re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", leading["block"])
            if "{%" not in msgid:  # plural blocks are left out
                found.add((path.relative_to(BASE_DIR).as_posix(), msgid))
    return sorted(found)


def not_in_sentence_case(danish: str, english: str) -> list[str]:
    """Words capitalised in the middle of a Danish heading. A word is fine when it is a
    proper noun (capitalised in the English too, or an acronym) or starts a sentence."""
    english_words = {word.strip("(),.:;–-") for word in english.split()}
    wrong = []
    words = danish.split()
    for previous, word in itertools.pairwise(words):
        bare = word.strip("(),.:;–-«»\"'")
        if (
            not bare[:1].isupper()
            or bare.isupper()
            or ("-" in bare and bare.split("-")[0].isupper())
        ):
            continue
        if bare in english_words or previous.endswith((".", "?", "!")):
            continue
        if previous.endswith(":") and danish.endswith((".", "?", "!")):
            continue  # a whole sentence after a colon starts with a capital
        wrong.append(bare)
    return wrong


def test_the_known_stiff_danish_is_gone(catalogue):
    found = [
        f"{e.msgid!r}: {e.msgstr!r}"
        for e in catalogue.translated_entries()
        for bad in KNOWN_BAD
        if bad in e.msgstr
    ]
    assert not found, "\n".join(found)
    assert catalogue.find("My nominations").msgstr != "Mine indstillinger"  # reads as settings


@pytest.mark.usefixtures("fresh_translations")
def test_allauth_s_stiff_danish_is_replaced_by_the_portal_s():
    with translation.override("da"):
        for msgid, danish in ALLAUTH_REPLACED.items():
            assert translation.gettext(msgid) == danish


def test_every_replaced_allauth_string_is_one_allauth_uses(catalogue):
    """A typo in rkkp_portal/accounts/wording.py would replace nothing, silently."""
    import allauth

    from rkkp_portal.accounts.wording import ALLAUTH_MESSAGES

    allauth_po = Path(allauth.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"
    allauth_msgids = {e.msgid for e in polib.pofile(str(allauth_po)) if not e.msgctxt}
    assert set(ALLAUTH_MESSAGES) <= allauth_msgids, set(ALLAUTH_MESSAGES) - allauth_msgids
    ours = {e.msgid: e.msgstr for e in catalogue}
    assert all(ours.get(msgid) for msgid in ALLAUTH_MESSAGES)
    assert all(bad not in ours[m] for m in ALLAUTH_MESSAGES for bad in KNOWN_BAD)


def test_the_heading_scan_finds_headings():
    msgids = {msgid for _path, msgid in heading_msgids()}
    assert "Change history" in msgids and "When" in msgids  # an h2 and a column header
    assert len(msgids) > 100


def test_headings_and_column_headers_start_with_a_capital_and_are_in_sentence_case(catalogue):
    translations = {e.msgid: e.msgstr for e in catalogue if not e.msgctxt}
    problems = []
    for path, msgid in heading_msgids():
        danish = translations.get(msgid)
        if not danish:
            continue  # test_catalogue_is_current reports it
        if not (danish[:1].isupper() or danish.startswith(("%(", "(", "«"))):
            problems.append(f"{path}: {danish!r} starts in lower case")
        wrong = not_in_sentence_case(danish, msgid)
        if wrong:
            problems.append(f"{path}: {danish!r} capitalises {wrong} (sentence case)")
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_sentence_case_check_can_fail():
    assert not_in_sentence_case("Nye Medlemmer i Regionen", "New members in the region") == [
        "Medlemmer",
        "Regionen",
    ]
    assert (
        not_in_sentence_case("Medlemmer i Region Hovedstaden", "Members in Region Hovedstaden")
        == []
    )
    assert not_in_sentence_case("RKKP-sekretariatet og LIS", "The RKKP secretariat and LIS") == []
