"""Sessions kept in the database and read from the cache (Redis) while it answers.

Every signed-in request loads its session; reading it from Redis spares a database query.
Each write goes to the database first (the record that counts), then to the cache, and
ending a session deletes both (``SessionStore.delete``, which logout, allauth's session
list and ``rkkp_portal.security.end_all_sessions`` all use): delete a session through the
store, never by deleting its ``django_session`` row alone.

Django's ``cached_db`` store already falls back to the database when the cache cannot be
read; this one also serves the request when the cache cannot be refilled or asked whether
it holds a session (allauth's session list asks), so a Redis outage slows pages down
instead of breaking every signed-in page. Deleting still needs the cache: a copy left
there would sign the browser in again once Redis is back.
"""

import logging

from django.contrib.sessions.backends import cached_db, db

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # an unreachable cache or a key it refuses: ask the database
            data = None
        if data is not None:
            return data
        row = self._get_session_from_db()
        if not row:
            return {}
        data = self.decode(row.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)
        return data

    def exists(self, session_key):
        try:
            cached = bool(session_key) and (self.cache_key_prefix + session_key) in self._cache
        except Exception:  # an unreachable cache: the database row answers
            logger.exception("Error reading from cache (%s)", self._cache)
            cached = False
        return cached or db.SessionStore.exists(self, session_key)
