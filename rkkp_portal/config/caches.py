"""The cache and the sessions kept in it.

In production the cache is a Redis of its own (``CACHE_URL``), apart from the broker's
(``REDIS_URL``): the broker must never drop a queued letter, so it persists every write and
refuses writes when full (noeviction); the cache is bounded and evicts the least recently
used keys (allkeys-lru), so a full cache makes room instead of refusing the session or
rate-limit write of a login. docker-compose.yml runs the two. On a single box without a
second Redis, ``CACHE_URL`` defaults to ``REDIS_URL``.
"""

# Seconds a cache command may take: an unresponsive cache fails a request's cache call
# (sessions fall back to the database) instead of holding the request.
CACHE_SOCKET_TIMEOUT = 2


def caches(cache_url: str) -> dict:
    """Django's CACHES: Redis at ``cache_url``, or this process's memory without one."""
    if not cache_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": cache_url,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
            },
        }
    }


def session_engine(cache_url: str) -> str:
    """Sessions are read from a shared cache and written through to the database (the row
    is the record; rkkp_portal/accounts/sessions.py). Not with a per-process cache: a
    session ended in one worker would live on in another's copy."""
    if cache_url:
        return "rkkp_portal.accounts.sessions"
    return "django.contrib.sessions.backends.db"
