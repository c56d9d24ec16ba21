"""What a log may hold of a request: no capability tokens, no line breaks from outside.

Some addresses carry a credential: a calendar feed's token (calendar programs cannot log
in), the answer link in a meeting letter, allauth's password-reset and e-mail confirmation
keys. Whoever reads a log must not be able to use them, so they are masked wherever a path
is written down: gunicorn's access and error logs (gunicorn.conf.py), every record through
the portal's log handler and Django's request log (``SafeLogRecords``, in settings.LOGGING),
and error reports (rkkp_portal/error_reports.py).

Control characters are written as escape sequences, as Django's request log writes the
paths it quotes, so a path with %0a (or anything else a visitor sends) cannot start a line
that reads as a record of its own.

Nothing here imports Django: gunicorn reads this module before Django is set up.
"""

import logging
import re

MASK = "***"
# What follows one of these prefixes, up to the next "/", is a token (a forged one too,
# whatever it is made of); a feed's ".ics" stays, so the log still says what was asked.
_TOKEN_IN_PATH = re.compile(
    r"(?P<prefix>/me/calendar/|/meetings/answer/|/accounts/confirm-email/"
    r"|/accounts/password/reset/key/(?!done/))"
    r"(?P<token>[^/?#\s'\"<>&\\]+?)(?P<suffix>\.ics)?(?=[/?#\s'\"<>&\\]|$)"
)
# C0 and C1 controls, DEL, and the two Unicode line separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def mask_tokens(text: str) -> str:
    return _TOKEN_IN_PATH.sub(lambda m: m["prefix"] + MASK + (m["suffix"] or ""), text)


def escape_controls(text: str) -> str:
    """Control characters as escapes (``\\n``, ``\\x1b``); other text, Danish included, as is."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_path(path: str) -> str:
    """A request path as a log may hold it."""
    return escape_controls(mask_tokens(path))


class SafeLogRecords(logging.Filter):
    """Masks tokens and escapes control characters in each record's message.

    On a handler it covers every record the handler writes; on a logger (``django.request``)
    it changes the record before any handler, e-mails to ADMINS included, sees it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is for the handler to report, as logging does
            return True
        safe = safe_path(message)
        if safe != message:
            record.msg, record.args = safe, ()
        return True
