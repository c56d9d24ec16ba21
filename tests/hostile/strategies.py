"""Hypothesis strategies for hostile input: what a careless paste or a hostile user types.

Every text strategy mixes the payload families the issue names (very long strings, control
characters including NUL, HTML/script, SQL fragments, odd Unicode), so one example often
carries several at once. ``MARKERS`` are the literal payloads that must never come back
unescaped in HTML.
"""

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
MARKERS = (SCRIPT, IMG, SVG, "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>")

HTML = [SCRIPT, IMG, SVG, "</textarea><script>alert(1)</script>", "{{ 7*7 }}{% debug %}"]
SQL = [
    "'; DROP TABLE steering_person;--",
    "' OR '1'='1",
    '"; SELECT pg_sleep(0);--',
    "1; DELETE FROM regions_region",
    "%_%' ESCAPE '\\",
    "\\'",
]
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\r\n", "\r", "\t", "\x85"]
UNICODE = [
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200c\u200d\ufeff",  # zero-width characters and a BOM
    "e\u0301\u0301\u0301",  # combining marks
    "\u00e9",  # NFC é …
    "e\u0301",  # … and its NFD twin
    "Z\u0351\u0364\u036b\u034f\u0327a\u0352\u0350lgo",
    "\U0001f469\u200d\u2695\ufe0f\U0001f1e9\U0001f1f0",  # emoji with joiners, a flag
    "\uff11\uff12\uff13",  # full-width digits
    "\u0661\u0662\u0663",  # Arabic-Indic digits
    "\ufdfd",
    "\U0010fffd",
    "Æblegrød på Ærø",
]
FRAGMENTS = HTML + SQL + CONTROL + UNICODE


def long_text(min_size: int = 10_000, max_size: int = 100_000) -> st.SearchStrategy[str]:
    """A fragment repeated to 10–100k characters (a pasted document, a fuzzer)."""
    return st.builds(
        lambda fragment, size: (fragment * (size // len(fragment) + 1))[:size],
        st.sampled_from(["A", SCRIPT, "ø", "\u202e", *SQL]),
        st.integers(min_size, max_size),
    )


def hostile_text() -> st.SearchStrategy[str]:
    """Short mixtures of the payload families, arbitrary Unicode, or a very long string."""
    mixture = st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=5
    ).map("".join)
    return st.one_of(
        st.sampled_from(FRAGMENTS), mixture, st.text(max_size=40), long_text(), st.just("")
    )


ODD_DATES = [
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "0000-00-00",
    "2026-11-22T10:00",
    "2026-11-22T10:00:00+02:00",
    "22-11-2026",
    "22.11.2026",
    "\uff12\uff10\uff12\uff16-11-22",
    "2026-11-22\x00",
    "-1-01-01",
    "1e9",
    "99999999999999999999",
    "",
    " ",
    "NaN",
]


def hostile_date() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_DATES),
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(FRAGMENTS),
    )


ODD_DATETIMES = [
    "0001-01-01T00:00",
    "0001-01-01T00:30",
    "9999-12-31T23:59",
    "10000-01-01T00:00",
    "2026-02-30T10:00",
    "2026-11-22T25:00",
    "2026-11-22T10:00:00+02:00",
    "2026-03-29T02:30",  # a time that does not exist in Danish time (DST gap)
    "2026-10-25T02:30",  # a time that exists twice in Danish time
    "2026-11-22",
    "",
]


def hostile_datetime() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_DATETIMES),
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
        st.sampled_from(FRAGMENTS),
    )


ODD_NUMBERS = [
    "-1",
    "0",
    "-0",
    "1.5",
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "-Infinity",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "9" * 400,
    "\uff11",
    "\u00b2",  # a superscript two: str.isdigit() says yes, int() says no
    "\u0663",
    "0x10",
    "1,5",
    "",
]


def hostile_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_NUMBERS),
        st.integers().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(FRAGMENTS),
    )


def hostile_choice() -> st.SearchStrategy[str]:
    """A choice or a primary key that no form offers."""
    return st.one_of(
        st.sampled_from(
            [
                "-1",
                "0",
                "999999999",
                "99999999999999999999",
                "1.0",
                "[]",
                "None",
                "\u00b2",
                "\uff11",
            ]
        ),
        st.sampled_from(FRAGMENTS),
        st.text(max_size=20),
    )


def hostile_email() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(
            [
                "a@b",
                "@",
                "x@" + "a" * 300 + ".dk",
                "a" * 300 + "@rkkp.example",
                f"{SCRIPT}@rkkp.example",
                "\u202etest@rkkp.example",
                "test@r\u00e9gion.dk",
                "test@xn--rgion-bsa.dk",
                "te\x00st@rkkp.example",
                "'; DROP TABLE x;--@rkkp.example",
            ]
        ),
        st.emails().map(str),
        hostile_text(),
    )


KINDS = {
    "text": hostile_text,
    "token": hostile_text,  # text with a format (a slug, a code): never filled with markup
    "date": hostile_date,
    "datetime": hostile_datetime,
    "number": hostile_number,
    "choice": hostile_choice,
    "email": hostile_email,
}


PRINTABLE = HTML + SQL + UNICODE


def storable_text() -> st.SearchStrategy[str]:
    """Short payloads a form should accept and every page must then show escaped."""
    return st.lists(st.sampled_from(PRINTABLE), min_size=1, max_size=3).map(" ".join)


def form_data(valid: dict, kinds: dict[str, str]) -> st.SearchStrategy[dict]:
    """The valid data with hostile values in a few fields, or markup in every text field.

    Keeping the other fields valid lets a hostile value get past the form into the service
    and the pages and letters that show it, where escaping and database limits are tested.
    """
    names = sorted(kinds)

    def hostile_in(chosen: set[str]) -> st.SearchStrategy[dict]:
        fields = {name: KINDS[kinds[name]]() for name in sorted(chosen)}
        return st.fixed_dictionaries(fields)

    a_few = st.sets(st.sampled_from(names), min_size=1, max_size=3).flatmap(hostile_in)
    markup = st.fixed_dictionaries(
        {name: storable_text() for name in names if kinds[name] == "text"}
    )
    return st.one_of(a_few, markup).map(lambda hostile: {**valid, **hostile})
