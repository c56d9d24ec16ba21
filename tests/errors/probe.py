"""Run by test_error_tracking.py in a process of its own (``python -m tests.errors.probe``):
the settings start error tracking from SENTRY_DSN, then one request fails in a view that
has personal data at hand, as a real one might. The request goes through the WSGI
application, as gunicorn calls it (Sentry reads the request's address from there)."""

import logging
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rkkp_portal.settings")
django.setup()

import sentry_sdk  # noqa: E402
from django.contrib.auth.decorators import login_not_required  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

PERSON = ("Karen", "Blixen", "karen.blixen@regionh.example")


@csrf_exempt
@login_not_required
def failing_view(request, token):
    first, last, address = PERSON
    logging.getLogger("rkkp_portal.probe").error(
        "Could not reach %s %s at %s", first, last, address
    )
    raise ValueError(f"No seat for {address}")


# The portal's own addresses too: the 500 page (base.html) links to them.
from rkkp_portal.urls import urlpatterns as portal_urlpatterns  # noqa: E402

urlpatterns = [path("me/calendar/<str:token>.ics", failing_view), *portal_urlpatterns]

with override_settings(
    ALLOWED_HOSTS=["portal.example"],
    ROOT_URLCONF=__name__,
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
):
    environ = (
        RequestFactory()
        .post(
            "/me/calendar/token-secret-456.ics?email=karen.blixen@regionh.example&name=Blixen",
            data={"name": "Karen Blixen", "note": "body-secret-789"},
            HTTP_HOST="portal.example",
            HTTP_COOKIE="sessionid=cookie-secret-123",
            HTTP_X_REQUEST_ID="probe-request-1",
            HTTP_AUTHORIZATION="Bearer header-secret-000",
        )
        .environ
    )
    statuses = []
    b"".join(get_wsgi_application()(environ, lambda status, headers: statuses.append(status)))
    print("status", statuses[0], flush=True)
sentry_sdk.flush(timeout=10)
