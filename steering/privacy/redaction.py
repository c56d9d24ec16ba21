"""Log lines name letters by id, never by address.

Mail errors often quote the recipient (``SMTPRecipientsRefused`` is a dict keyed by
address; servers answer "550 <karen@example.dk>: unknown user"), so an exception is
described for the log with every e-mail address replaced.
"""

import re

EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]{}'\",;:]+@[^\s<>()\[\]{}'\",;:]+")
REDACTED = "<address>"
MAX_LENGTH = 300


def redact_addresses(text: str) -> str:
    return EMAIL_ADDRESS.sub(REDACTED, text)


def describe_error(exc: BaseException) -> str:
    """The exception's type and message with addresses removed, short enough for a log."""
    return f"{type(exc).__name__}: {redact_addresses(str(exc))}"[:MAX_LENGTH]


class RedactedError(Exception):
    """Stands in for a mail error where Celery would log it (a retry logs its reason)."""

    @classmethod
    def of(cls, exc: BaseException) -> "RedactedError":
        return cls(describe_error(exc))
