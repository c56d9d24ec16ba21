"""What Celery beat runs, and when (settings.CELERY_BEAT_SCHEDULE). Every task here is an
idempotent scan, so a missed or repeated run is harmless."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "sweep-outbox": {
        "task": "steering.tasks.sweep_outbox",
        "schedule": crontab(),  # every minute: a cheap read on (status, created_at)
    },
    # Background jobs whose task never came or whose worker died (rkkp_portal/jobs).
    "sweep-jobs": {
        "task": "rkkp_portal.jobs.tasks.sweep_jobs",
        "schedule": crontab(),
    },
    "escalate-appointment-requests": {
        "task": "regions.tasks.escalate_appointment_requests",
        "schedule": crontab(hour=7, minute=15),
    },
    # Scans for meeting reminders that are due; idempotent, so the interval only sets latency.
    "send-due-reminders": {
        "task": "steering.tasks.send_due_reminders",
        "schedule": crontab(minute="*/15"),
    },
    # Scans for seats whose planned end is 90 or 30 days away; once a day is enough, and
    # a second run the same day sends nothing new (idempotency keys).
    "send-term-alerts": {
        "task": "steering.tasks.send_term_alerts",
        "schedule": crontab(hour=6, minute=15),
    },
    # Asks the appointing body and the member ahead of each term's end (steering/succession);
    # a seat is asked about once (one_succession_ask_per_seat), so a repeated run is harmless.
    "ask-about-succession": {
        "task": "steering.tasks.ask_about_succession",
        "schedule": crontab(hour=6, minute=30),
    },
    # Deletes sign-in records older than SIGN_IN_RECORDS_KEPT_DAYS; idempotent.
    "purge-sign-in-records": {
        "task": "rkkp_portal.accounts.tasks.purge_sign_in_records",
        "schedule": crontab(hour=3, minute=45),
    },
    # Anonymises people who left every group long ago and removes old letters' text
    # (steering/privacy/services.py); idempotent, so a missed or repeated night is harmless.
    "anonymise-people": {
        "task": "steering.tasks.anonymise_people",
        "schedule": crontab(hour=3, minute=30),
    },
}
