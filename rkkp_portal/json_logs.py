"""Log records as one JSON object a line (``LOG_FORMAT=json``), for a log collector.

Each line has the time (UTC, ISO 8601), level, logger, message and the request id
(rkkp_portal/request_ids.py); inside a Celery task also the task's name and id; with an
exception its traceback. The message has passed ``SafeLogRecords`` (tokens masked) like
the plain format's; tracebacks are masked here.
"""

import datetime
import json
import logging

from rkkp_portal.logs import mask_tokens


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        task = _current_task()
        if task is not None:
            entry["task"] = task.name
            entry["task_id"] = task.request.id
        if record.exc_info:
            entry["exception"] = mask_tokens(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def _current_task():
    from celery import current_task

    task = current_task._get_current_object() if current_task else None
    return task if task is not None and task.request.id else None
