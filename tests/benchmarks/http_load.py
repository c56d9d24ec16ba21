"""A small concurrent HTTP client for the page benchmark: threads, one keep-alive
connection each, a session cookie, and the client-observed time of every request.

Times are measured by the client over loopback (request written → last byte of the body
read), so they include the HTTP round trip through gunicorn but no network.
"""

import http.client
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field


@dataclass
class Result:
    """What one page's run produced."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0

    def extend(self, other: "Result") -> None:
        self.seconds.extend(other.seconds)
        self.errors.extend(other.errors)
        self.wall += other.wall

    @property
    def requests(self) -> int:
        return len(self.seconds) + len(self.errors)

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile in milliseconds (0 when nothing succeeded)."""
        if not self.seconds:
            return 0.0
        ordered = sorted(self.seconds)
        rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else 0.0

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def throughput(self) -> float:
        return len(self.seconds) / self.wall if self.wall else 0.0


# The CSRF secret of a benchmark's form posts: sent as the cookie and as the header.
CSRF_SECRET = "benchmarkcsrfsecret0123456789abc"


def _fetch(
    conn: http.client.HTTPConnection, path: str, cookie: str, form: dict | None = None
) -> tuple[int, bytes]:
    headers = {"Cookie": cookie, "Accept-Language": "da"}
    if form is None:
        conn.request("GET", path, headers=headers)
    else:
        headers.update(
            {
                "Cookie": f"{cookie}; csrftoken={CSRF_SECRET}",
                "X-CSRFToken": CSRF_SECRET,
                "Content-Type": "application/x-www-form-urlencoded",
            }
        )
        conn.request("POST", path, body=urllib.parse.urlencode(form), headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def run(
    host: str,
    port: int,
    path: str,
    cookie: str,
    *,
    clients: int,
    requests: int,
    form: dict | None = None,
    status: int = 200,
) -> Result:
    """``requests`` GETs of ``path`` (POSTs of ``form``) shared by ``clients`` threads, as
    fast as they go.

    A response other than ``status`` (a redirect to the login page included) counts as an
    error, as does a dropped connection; the thread then opens a new connection and
    carries on.
    """
    result = Result()
    lock = threading.Lock()
    remaining = [requests]
    start_gate = threading.Barrier(clients + 1)

    def take() -> bool:
        with lock:
            if remaining[0] <= 0:
                return False
            remaining[0] -= 1
            return True

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        own_seconds, own_errors = [], []
        start_gate.wait()
        while take():
            started = time.perf_counter()
            try:
                answered, _body = _fetch(conn, path, cookie, form)
            except (OSError, http.client.HTTPException) as error:
                own_errors.append(f"{type(error).__name__}: {error}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
                continue
            elapsed = time.perf_counter() - started
            if answered == status:
                own_seconds.append(elapsed)
            else:
                own_errors.append(f"HTTP {answered}")
        conn.close()
        with lock:
            result.seconds.extend(own_seconds)
            result.errors.extend(own_errors)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - started
    return result
