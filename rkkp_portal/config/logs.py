"""Django's LOGGING: one handler on standard error, plain lines or JSON (``LOG_FORMAT``)."""

LOG_FORMATS = {"plain", "json"}


def logging_config(*, level: str, log_format: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        # Capability tokens masked and control characters escaped (rkkp_portal/logs.py): on
        # the handler for every record, on django.request before its e-mails to ADMINS too.
        "filters": {"safe": {"()": "rkkp_portal.logs.SafeLogRecords"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["safe"],
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
