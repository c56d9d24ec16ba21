"""Benchmark: the portal's main pages against the Django admin's changelists, on the same
data, in the same run, under 8 concurrent clients.

Run it with ``make bench-pages`` (or ``.venv/bin/python tests/benchmarks/bench_pages.py``).
It is not a test (pytest does not collect it). What it does:

1. drops and recreates its own PostgreSQL database (``BENCH_PAGES_DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/rkkp_bench_pages``), migrates it and loads
   ``seed_demo --scale 10`` (``--keep-db`` reuses a seeded one: only migrates);
2. logs in one session per persona (written to that database) and counts each page's
   queries in-process with ``CaptureQueriesContext`` (second request, caches warm);
3. serves the app with gunicorn (``gunicorn.conf.py``, ``DEBUG=0``, no SSL redirect,
   cookies over http, no MFA requirement, worker recycling off so a restart never lands
   in a measurement) on a free local port, with Redis as in production;
4. for every page: a warm-up, then ``--rounds`` rounds of ``--requests`` GETs (for the
   one action measured, POSTs that start a reminder job: a 302) shared by
   ``--clients`` threads with keep-alive connections (the pages take turns, so background
   load spreads over all of them); times are client-observed over loopback.

It prints p50/p95 (ms), throughput (requests/s), errors and query count per page, and each
page's p95 as a ratio to the baseline: the faster of the two admin changelists (Membership
and Person, whose ``list_per_page`` equals the portal's page size of 50), measured in the
same run. Targets: every page's p95 ≤ 1.0 × the baseline's, the median page's ≤ 0.5 ×, no
errors. It exits 1 when a target is missed, unless ``--report-only``.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from tests.benchmarks import http_load, page_list  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rkkp_bench_pages"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
# Every page at most as slow as the admin's list; the median page at most half as slow.
TARGET_RATIO = 1.0
TARGET_MEDIAN_RATIO = 0.5
# The settings both this process and gunicorn run with; the same SECRET_KEY so the
# sessions created here are valid there.
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "page-benchmark-only-not-a-secret",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "REQUIRE_STAFF_MFA": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "WARNING",
    "GUNICORN_MAX_REQUESTS": "0",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str, *, keep: bool) -> bool:
    """Drop and create the benchmark's database; returns whether it must be seeded."""
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    admin_url = base.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return False
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def prepare(scale: int, *, seed: bool) -> float | None:
    """Migrate, seed (timed) and collect static files; returns the seeding seconds."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seconds = None
    if seed:
        print(f"seeding seed_demo --scale {scale} …", flush=True)
        started = time.perf_counter()
        call_command("seed_demo", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        seconds = time.perf_counter() - started
        print(f"seeded in {seconds:.1f} s", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    # Fresh statistics and visibility maps, as autovacuum keeps them on a database in use
    # (without the visibility map PostgreSQL reads the table even for an index-only scan).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seconds


def count_queries(pages, clients) -> dict[str, int]:
    """Each page's queries on its second request (caches warm)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in pages:
        client = clients[page.persona]

        def request(client=client, page=page):
            if page.form is None:
                return client.get(page.path)
            return client.post(page.path, page.form)

        request()  # warm: content types, translations, templates
        with CaptureQueriesContext(connection) as queries:
            response = request()
        if response.status_code != page.status:
            raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}")
        counts[page.name] = len(queries)
    return counts


def start_gunicorn(port: int, env: dict) -> tuple[subprocess.Popen, str]:
    log_fd, log_name = tempfile.mkstemp(prefix="bench-pages-gunicorn-", suffix=".log")
    server = subprocess.Popen(
        [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
            "rkkp_portal.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log_fd,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    os.close(log_fd)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {log_name}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server, log_name
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start; see {log_name}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def measure(pages, cookies, port: int, args) -> dict[str, http_load.Result]:
    results = {page.name: http_load.Result() for page in pages}
    for page in pages:
        http_load.run(
            "127.0.0.1",
            port,
            page.path,
            cookies[page.persona],
            clients=args.clients,
            requests=args.warmup,
            form=page.form,
            status=page.status,
        )
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number}/{args.rounds} …", flush=True)
        for page in pages:
            results[page.name].extend(
                http_load.run(
                    "127.0.0.1",
                    port,
                    page.path,
                    cookies[page.persona],
                    clients=args.clients,
                    requests=args.requests,
                    form=page.form,
                    status=page.status,
                )
            )
    return results


def _baseline_p95(pages, results) -> tuple[str, float]:
    baseline = min((page for page in pages if page.baseline), key=lambda p: results[p.name].p95)
    return baseline.name, results[baseline.name].p95


def report(pages, results: dict, counts: dict[str, int], args) -> bool:
    import statistics

    name, baseline_p95 = _baseline_p95(pages, results)
    print()
    print(
        f"{args.clients} concurrent clients, {args.rounds} × {args.requests} requests per page"
        f" after {args.warmup} warm-up; client-observed times over loopback (ms)"
    )
    print(
        f"baseline: {name} (p95 {baseline_p95:.1f} ms); targets: every page ≤ {TARGET_RATIO},"
        f" the median page ≤ {TARGET_MEDIAN_RATIO}"
    )
    header = (
        f"{'page':<28} {'p50':>7} {'p95':>7} {'req/s':>7} {'errors':>6} {'queries':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    ratios = []
    for page in pages:
        result = results[page.name]
        ratio = result.p95 / baseline_p95 if baseline_p95 else float("inf")
        missed = bool(result.errors) or (not page.baseline and ratio > TARGET_RATIO)
        if not page.baseline:
            ratios.append(ratio)
        ok = ok and not missed
        mark = "  (baseline)" if page.baseline else ("  MISSED" if missed else "")
        print(
            f"{page.name:<28} {result.p50:7.1f} {result.p95:7.1f} {result.throughput:7.1f}"
            f" {len(result.errors):6d} {counts[page.name]:7d} {ratio:6.2f}{mark}"
        )
        if result.errors:
            print(f"    first errors: {sorted(set(result.errors))[:3]}")
    median = statistics.median(ratios)
    median_missed = median > TARGET_MEDIAN_RATIO
    print(f"median page ratio: {median:.2f}{'  MISSED' if median_missed else ''}")
    ok = ok and not median_missed
    print("all targets met" if ok else "a target was missed")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--requests", type=int, default=80, help="requests per page per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (3)")
    parser.add_argument("--warmup", type=int, default=16, help="warm-up requests per page")
    parser.add_argument("--keep-db", action="store_true", help="reuse a seeded database")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even if missed")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_PAGES_DATABASE_URL", DEFAULT_DATABASE_URL)
    # Redis as in production: sessions, rate limits, the compliance register.
    redis_url = os.environ.get("BENCH_PAGES_REDIS_URL", DEFAULT_REDIS_URL)
    env = dict(os.environ)
    env.update(
        SERVER_ENV,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="rkkp_portal.settings",
    )
    os.environ.clear()
    os.environ.update(env)

    seed = recreate_database(database_url, keep=args.keep_db)
    import django

    django.setup()
    seeding_seconds = prepare(args.scale, seed=seed)
    pages = page_list.pages()
    clients = page_list.logged_in_clients()
    counts = count_queries(pages, clients)
    cookies = {email: page_list.cookie_header(client) for email, client in clients.items()}

    from django.db import connections

    connections.close_all()
    # A SIGTERM (timeout, Ctrl-C in make) must still stop gunicorn: it has its own session.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    port = free_port()
    server, log_name = start_gunicorn(port, env)
    try:
        results = measure(pages, cookies, port, args)
    finally:
        stop(server)
    if seeding_seconds is not None:
        print(f"\nseed_demo --scale {args.scale}: {seeding_seconds:.1f} s")
    print(f"gunicorn log: {log_name}")
    ok = report(pages, results, counts, args)
    if not ok and not args.report_only:
        sys.exit(1)


if __name__ == "__main__":
    main()
