import os

from celery import Celery

# Connects the signals that carry a request's id into the tasks it queues.
from rkkp_portal import request_ids  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rkkp_portal.settings")

app = Celery("rkkp_portal")
# Every CELERY_* setting in settings.py configures the app (broker, acks_late, limits, beat).
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks.py (the scheduled jobs), and the outbox's delivery tasks.
app.autodiscover_tasks()
app.autodiscover_tasks(["steering.letters"])
