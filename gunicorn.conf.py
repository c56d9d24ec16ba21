"""gunicorn settings for the portal, read from the environment (see README.md).

Used by the Docker image (`gunicorn rkkp_portal.wsgi -c gunicorn.conf.py`) and by
`make run` when DEBUG is off. tests/deployment/test_gunicorn_conf.py loads this file with
different environments.
"""

import multiprocessing
import os

import gunicorn.http.wsgi
from gunicorn.glogging import Logger

# gunicorn puts the working directory (the project) on the path before reading this file.
from rkkp_portal.logs import SafeLogRecords, escape_controls, safe_path


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number; got {raw!r}") from None


# In a container the port must be reachable from outside it; `make run` passes --bind.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int(
    "GUNICORN_WORKERS", _int("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8))
)
threads = _int("GUNICORN_THREADS", 1)
# A request slower than this is killed and logged; exports of large rosters are the slowest.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak never takes the site down.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Trust X-Forwarded-* only from the proxy in front (comma list, "*" for any).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Workers' heartbeat files: in memory where there is /dev/shm, as a container's overlay
# file system can stall them long enough for the arbiter to kill a healthy worker.
# gunicorn creates them with mkstemp (unique name, mode 0600), so a shared dir is safe.
_SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
errorlog = "-"
accesslog = "-"

# The access log keeps what operating the site needs and no more: no query string (a
# search for a person's name), referrer or user agent, and no client address (the proxy's
# log has it). Tokens in addresses (calendar feeds, answer links, reset keys) are
# credentials, so they are masked, and the path's control characters are escaped so that
# a path with %0a cannot write a line of its own (rkkp_portal/logs.py).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


class AccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # gunicorn's own error records quote request paths too ("Error handling request …").
        self.error_log.addFilter(SafeLogRecords())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = safe_path(atoms["U"] or "")
        atoms["m"] = escape_controls(atoms["m"] or "-")
        return atoms


logger_class = AccessLogger

# The runtime control socket (gunicorn >= 25) lives at one fixed path in $HOME, which two
# servers on one machine would fight over and a read-only container home cannot hold.
control_socket_disable = True

# gunicorn writes a Server header naming itself (older releases with their version) on
# every response, after the application has returned its headers, so neither Django nor a
# middleware can remove it. Its value is a name in gunicorn's response module, read as each
# response starts; set here, in the master, before the workers are forked. Nothing outside
# needs to know what software serves the portal.
SERVER_HEADER = "rkkp-portal"
gunicorn.http.wsgi.SERVER = SERVER_HEADER
