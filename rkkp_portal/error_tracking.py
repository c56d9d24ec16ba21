"""Errors reach a person: Sentry (or a compatible service) when ``SENTRY_DSN`` is set.

Web (Django's integration) and worker (Celery's) report unhandled exceptions and logged
errors. Nothing personal leaves: ``send_default_pii`` is off (no user, no client address,
no cookies), request bodies and frames' local variables are never sent, and ``scrub``
goes over every event before it is sent:

- the request keeps its method, path (without the query string, tokens masked) and a few
  harmless headers; cookies, body, query string and environment go;
- no user; log events keep their message template, not the values filled into it (names,
  addresses), and so do log breadcrumbs (``scrub_breadcrumb``); other breadcrumbs lose
  their data (SQL parameters);
- extra data goes (a log call's extra fields, a Celery task's arguments), but the task's
  name; every e-mail address left anywhere (an exception's
  message) is replaced, and every token in a path masked.

The request id (rkkp_portal/request_ids.py) goes with the event as a tag, so the event
and its log lines can be found together.
"""

import re

from rkkp_portal import request_ids
from rkkp_portal.logs import mask_tokens

EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]{}'\",;:]+@[^\s<>()\[\]{}'\",;:]+")
REDACTED = "<address>"
KEPT_HEADERS = {"host", "accept", "content-type", "content-length", "hx-request", "x-request-id"}


def init_error_tracking(dsn: str, *, environment: str) -> bool:
    """Start reporting to ``dsn``; without one nothing is loaded and nothing is sent."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        include_source_context=False,
        traces_sample_rate=0,
        before_send=scrub,
        before_breadcrumb=scrub_breadcrumb,
    )
    return True


def scrub(event: dict, hint: dict | None = None) -> dict:
    request = event.get("request")
    if request:
        for key in ("cookies", "data", "query_string", "env"):
            request.pop(key, None)
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
        request["headers"] = {
            name: value
            for name, value in (request.get("headers") or {}).items()
            if name.lower() in KEPT_HEADERS
        }
    event.pop("user", None)
    logentry = event.get("logentry")
    if logentry:
        for key in ("params", "formatted"):
            logentry.pop(key, None)
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)
    # Extra data: a log call's extra fields and a task's arguments may name anyone; only
    # the task's name stays.
    job = (event.get("extra") or {}).get("celery-job")
    event["extra"] = {"celery-job": {"task_name": job.get("task_name")}} if job else {}
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    request_id = request_ids.current()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _clean(event)


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    record = (hint or {}).get("log_record")
    if record is not None:
        crumb["message"] = str(record.msg)  # the template, not the values put into it
    crumb.pop("data", None)
    return _clean(crumb)


def _clean(value):
    if isinstance(value, str):
        return mask_tokens(EMAIL_ADDRESS.sub(REDACTED, value))
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value
