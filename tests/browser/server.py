"""A production-like portal for the browser tests: its own database, demo data, gunicorn.

``PortalServer.start()`` drops and creates a PostgreSQL database named after
``DATABASE_URL`` (``<name>_browser``), migrates it, loads ``seed_demo``, writes the
journeys' starting points (``prepare_journeys.py``), collects static files when they are
stale and starts gunicorn on a free port with ``DEBUG=0``, tasks in-process (no
``REDIS_URL``) and letters written as files to a temporary directory.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rkkp_portal"
# Inputs of collectstatic: when one is newer than the manifest, the manifest is stale.
STATIC_INPUTS = (
    ROOT / "static",
    ROOT / "node_modules" / "dkfds" / "dist",
    ROOT / "node_modules" / "htmx.org" / "dist",
)
MANIFEST = ROOT / "staticfiles" / "staticfiles.json"
# The seeded database is kept as a template, named <database>_seed and labelled with a
# fingerprint of the code that made it; a later run with the same code copies it (a
# second) instead of migrating and seeding again (a minute or more on a busy machine).
SEED_CODE = ("rkkp_portal", "steering", "regions", "representatives")


def browser_database_url(database_url: str) -> str:
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise RuntimeError(f"The browser tests need PostgreSQL; DATABASE_URL is {database_url!r}")
    name = parts.path.lstrip("/") + "_browser"
    return urlunsplit(parts._replace(path="/" + name))


def _maintenance_conninfo(database_url: str) -> tuple[str, str]:
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    return urlunsplit(parts._replace(path="/postgres")), name


def recreate_database(database_url: str) -> None:
    conninfo, name = _maintenance_conninfo(database_url)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        quoted = psycopg.sql.Identifier(name)
        connection.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(quoted)
        )
        connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(quoted))


def drop_database(database_url: str) -> None:
    conninfo, name = _maintenance_conninfo(database_url)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        quoted = psycopg.sql.Identifier(name)
        connection.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(quoted)
        )


def seed_fingerprint() -> str:
    """A hash of every application module and migration: what seed_demo's result depends on."""
    digest = hashlib.sha256()
    for package in SEED_CODE:
        for path in sorted((ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copy_seeded_template(database_url: str, fingerprint: str) -> bool:
    """Create the database as a copy of the seeded template, if one with this fingerprint exists."""
    conninfo, name = _maintenance_conninfo(database_url)
    template = name + "_seed"
    sql = psycopg.sql
    with psycopg.connect(conninfo, autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [template],
        ).fetchone()
        if row is None:
            return False
        # While editing templates or tests, BROWSER_TESTS_REUSE_SEED=1 keeps using the
        # seeded copy even though application code changed since it was made.
        if row[0] != fingerprint and os.environ.get("BROWSER_TESTS_REUSE_SEED") != "1":
            return False
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    return True


def keep_as_template(database_url: str, fingerprint: str) -> None:
    conninfo, name = _maintenance_conninfo(database_url)
    template = name + "_seed"
    sql = psycopg.sql
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template))
        )
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(template), sql.Identifier(name)
            )
        )
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(template), sql.Literal(fingerprint)
            )
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def static_files_are_stale() -> bool:
    if not MANIFEST.exists():
        return True
    collected_at = MANIFEST.stat().st_mtime
    for folder in STATIC_INPUTS:
        for path in folder.rglob("*"):
            if path.is_file() and path.stat().st_mtime > collected_at:
                return True
    return False


@dataclass
class PortalServer:
    workdir: Path
    database_url: str = field(
        default_factory=lambda: browser_database_url(
            os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        )
    )
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    journeys: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    @property
    def log_path(self) -> Path:
        return self.workdir / "gunicorn.log"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "REDIS_"))}
        env.pop("REDIS_URL", None)  # tasks run in-process after each commit
        env.pop("EMAIL_HOST", None)  # letters go to files in mail_dir
        env.update(
            DJANGO_SETTINGS_MODULE="tests.browser.server_settings",
            BROWSER_TEST_MAIL_DIR=str(self.mail_dir),
            DATABASE_URL=self.database_url,
            DEBUG="0",
            SECRET_KEY="browser-tests-only-not-a-secret-" + "x" * 20,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=self.url,
            # Plain http on loopback: the https-only parts of production stay off.
            SESSION_COOKIE_SECURE="0",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            # Staff would have to enrol TOTP first; MFA has its own tests.
            REQUIRE_STAFF_MFA="0",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def _run(self, step: str, *args: str) -> str:
        started = time.monotonic()
        result = subprocess.run(
            [str(PYTHON), *args],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        self.timings[step] = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError(
                f"{step} failed ({result.returncode}):\n{result.stdout[-4000:]}\n"
                f"{result.stderr[-4000:]}"
            )
        return result.stdout

    def start(self) -> "PortalServer":
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        fingerprint = seed_fingerprint()
        started = time.monotonic()
        if copy_seeded_template(self.database_url, fingerprint):
            self.timings["copy of the seeded database"] = time.monotonic() - started
        else:
            recreate_database(self.database_url)
            self._run("migrate", "manage.py", "migrate", "--noinput", "-v0")
            self._run("seed_demo", "manage.py", "seed_demo")
            keep_as_template(self.database_url, fingerprint)
        self.journeys = json.loads(self._run("prepare", "-m", "tests.browser.prepare_journeys"))
        if static_files_are_stale():
            self._run("collectstatic", "manage.py", "collectstatic", "--noinput", "-v0")
        self._start_gunicorn()
        return self

    def _start_gunicorn(self) -> None:
        started = time.monotonic()
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "rkkp_portal.wsgi",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/health/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        self.timings["gunicorn"] = time.monotonic() - started
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /health/ within 60 s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # gunicorn's master stops its workers on SIGTERM (graceful, then killed).
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        drop_database(self.database_url)
        shutil.rmtree(self.mail_dir, ignore_errors=True)


if __name__ == "__main__":  # `python -m tests.browser.server`: serve until Ctrl-C
    import tempfile

    server = PortalServer(Path(tempfile.mkdtemp(prefix="rkkp-browser-"))).start()
    print(server.url, json.dumps(server.journeys), file=sys.stderr)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.cleanup()
