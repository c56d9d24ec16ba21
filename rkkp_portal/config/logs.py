"""Django's LOGGING, for web and worker alike: one handler on standard error, plain lines
or one JSON object a line (``LOG_FORMAT``), every record with its request id."""

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("plain", "json")


def logging_config(*, level: str, log_format: str) -> dict:
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json; got {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": "rkkp_portal.json_logs.JsonFormatter"},
        },
        "filters": {
            # Capability tokens masked and control characters escaped (rkkp_portal/logs.py):
            # on the handler for every record, on django.request before its e-mails to
            # ADMINS too.
            "safe": {"()": "rkkp_portal.logs.SafeLogRecords"},
            # The id of the request (or of the request that queued the task) being served.
            "request_id": {"()": "rkkp_portal.request_ids.RequestIdFilter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["safe", "request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"filters": ["safe"]},
            "django.db.backends": {"level": "INFO"},
            # Failed logins, rate-limit refusals, refused requests (rkkp_portal/security.py):
            # pseudonymous ids only, never an e-mail address or a name. Kept at INFO even
            # when LOG_LEVEL is raised, so the record is complete.
            "rkkp_portal.security": {"level": "INFO"},
        },
    }
