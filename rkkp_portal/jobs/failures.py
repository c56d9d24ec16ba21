"""The items a job could not do, as its outcome lists them.

A validation error's own message is shown (it is written for people); anything else is
logged for the operators and shown only as "an unexpected error", like a failed job."""

import logging

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

# The outcome lists this many failed items by name; the count covers them all.
MAX_LISTED = 100


def record_failure(failures: list[dict], name: str, error: Exception) -> None:
    if isinstance(error, ValidationError):
        reason = " ".join(error.messages)
    else:
        logger.exception("job item %r failed", name, exc_info=error)
        reason = ""
    if len(failures) < MAX_LISTED:
        failures.append({"name": name, "reason": reason})
