"""A request id on every log line of a web request and of the tasks it queues.

``RequestIdMiddleware`` takes the id from an incoming ``X-Request-ID`` (set by the TLS
proxy, so its log and the portal's can be matched) when it looks like an id, or makes one,
and answers with it in the same header. While the request runs, the id is this context's
(``current``); ``RequestIdFilter`` writes it on every log record, the JSON log format
shows it (rkkp_portal/json_logs.py), and error reports carry it as a tag
(rkkp_portal/error_tracking.py).

Tasks queued while it is set carry it in their message headers (``before_task_publish``);
the worker makes it current while the task runs (``task_prerun``) and forgets it after
(``task_postrun``), so a letter's delivery logs under the id of the request that queued
it, and so do the tasks that task queues in turn. Tasks run in-process (no broker) simply
keep the request's.
"""

import contextvars
import logging
import re
import uuid

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
# What is taken from outside: short, and nothing a log line could be broken with.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:@+=-]{1,100}")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current() -> str | None:
    return _current.get()


def new_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _ACCEPTABLE.fullmatch(incoming) else new_id()
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Writes the current request id (or None) on each record as ``request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get()
        return True


@before_task_publish.connect
def send_request_id(headers=None, **kwargs) -> None:
    request_id = _current.get()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


@task_prerun.connect
def receive_request_id(task=None, **kwargs) -> None:
    if task is None or getattr(task.request, "is_eager", False):
        return  # run in-process: the request's id is current already
    received = getattr(task.request, TASK_HEADER, None)
    _current.set(received if isinstance(received, str) else None)


@task_postrun.connect
def forget_request_id(task=None, **kwargs) -> None:
    if task is not None and not getattr(task.request, "is_eager", False):
        _current.set(None)
