import datetime

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rkkp_portal.dashboard import overview_for

ACCESSIBILITY_REVIEWED_ON = datetime.date(2026, 11, 22)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html", overview_for(request.user))


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accessibility_statement.html", {"reviewed_on": ACCESSIBILITY_REVIEWED_ON}
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_status() -> str:
    from django.conf import settings

    if not settings.REDIS_URL:
        return "eager"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        return "ok"
    except Exception:
        return "unavailable"


def _cache_status() -> str:
    """ "local" for a per-process cache; otherwise whether a write and a read go through."""
    from django.conf import settings
    from django.core.cache import cache

    if "Redis" not in settings.CACHES["default"]["BACKEND"]:
        return "local"
    try:
        cache.set("health-check", "ok", timeout=10)
        return "ok" if cache.get("health-check") == "ok" else "unavailable"
    except Exception:
        return "unavailable"


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Database, broker and cache status for load balancers and compose health checks.

    An unreachable database or broker makes the portal unhealthy (503): pages fail, or
    letters could not be queued. An unreachable cache is reported but leaves it healthy:
    sessions fall back to the database and every page still answers."""
    database = "ok" if _database_ok() else "unavailable"
    broker = _broker_status()
    healthy = database == "ok" and broker != "unavailable"
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "broker": broker,
            "cache": _cache_status(),
        },
        status=200 if healthy else 503,
    )
