"""The compose health checks, run for real against the processes they watch.

There is no Docker engine here, so the commands are taken from docker-compose.yml and run
natively: the web check against a gunicorn started with gunicorn.conf.py and DEBUG off,
the worker and beat checks against a real worker and beat on REDIS_URL.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.deployment.files import ROOT, load_compose

# The servers use pytest-django's test database; the mark makes pytest-django create it.
pytestmark = pytest.mark.django_db

SERVICES = load_compose()["services"]
WEB_CHECK = SERVICES["web"]["healthcheck"]["test"]
VENV_BIN = str(Path(sys.executable).parent)
# The first entry is a domain pattern: the check must ask for a host the pattern matches.
SERVED_HOSTS = ".rkkp.example,portal.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture(scope="module")
def server_database_url(django_db_setup, tmp_path_factory) -> str:
    """The database the servers started here use: the test database on PostgreSQL. On
    SQLite that lives in this process's memory, so they get a migrated file of their own."""
    if connection.vendor == "postgresql":
        return database_url_of_the_test_database()
    url = f"sqlite:///{tmp_path_factory.mktemp('server-db') / 'db.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_environment(url),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return url


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    return {
        "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "ALLOWED_HOSTS": SERVED_HOSTS,
        **extra,
    }


def run_web_check(**environment: str) -> subprocess.CompletedProcess:
    assert WEB_CHECK[:3] == ["CMD", "python", "-c"]
    return subprocess.run(
        [sys.executable, "-c", WEB_CHECK[3]],
        env={"PATH": os.environ["PATH"], **environment},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.fixture(scope="module")
def web(server_database_url, tmp_path_factory):
    """gunicorn as the web service runs it: the compose command, DEBUG off, one worker."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    command = SERVICES["web"]["command"].split()
    assert command[0] == "gunicorn"
    bind = f"127.0.0.1:{port}"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(Path(VENV_BIN) / "gunicorn"), *command[1:]],
            cwd=ROOT,
            env=production_environment(
                server_database_url, GUNICORN_BIND=bind, GUNICORN_WORKERS="1"
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection_.request("GET", "/health/", headers={"Host": "portal.example"})
                if connection_.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.5)
        yield {"bind": bind, "port": port, "log": log_path}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_web_check_passes_against_a_production_like_server(web):
    result = run_web_check(GUNICORN_BIND=web["bind"], ALLOWED_HOSTS=SERVED_HOSTS)
    assert result.returncode == 0, result.stderr


def test_the_web_check_fails_when_the_site_refuses_the_host_it_asks_for(web):
    result = run_web_check(GUNICORN_BIND=web["bind"], ALLOWED_HOSTS="elsewhere.example")
    assert result.returncode == 1
    assert "/health/ answered 400" in result.stderr


def test_the_web_check_fails_when_nothing_answers():
    result = run_web_check(GUNICORN_BIND=f"127.0.0.1:{free_port()}", ALLOWED_HOSTS=SERVED_HOSTS)
    assert result.returncode != 0
    assert "Connection refused" in result.stderr


def test_plain_http_goes_to_https_except_the_health_check_and_the_proxys_https_is_believed(
    web,
):
    def get(path: str, **headers: str) -> http.client.HTTPResponse:
        client = http.client.HTTPConnection("127.0.0.1", web["port"], timeout=10)
        client.request("GET", path, headers={"Host": "portal.example", **headers})
        return client.getresponse()

    assert get("/health/").status == 200
    redirect = get("/public/")
    assert redirect.status == 301
    assert redirect.getheader("Location") == "https://portal.example/public/"
    # Through the TLS proxy (a FORWARDED_ALLOW_IPS address saying https): served, with HSTS.
    proxied = get("/public/", **{"X-Forwarded-Proto": "https"})
    assert proxied.status == 200
    assert proxied.getheader("Strict-Transport-Security").startswith("max-age=31536000")


def test_the_access_log_holds_no_feed_token_and_no_query_string(web):
    client = http.client.HTTPConnection("127.0.0.1", web["port"], timeout=10)
    client.request(
        "GET", "/me/calendar/tok3n-not-for-logs.ics?name=Jens", headers={"Host": "portal.example"}
    )
    client.getresponse().read()
    deadline = time.monotonic() + 10
    while "/me/calendar/***.ics" not in web["log"].read_text():
        assert time.monotonic() < deadline, web["log"].read_text()
        time.sleep(0.2)
    log = web["log"].read_text()
    assert "tok3n-not-for-logs" not in log
    assert "Jens" not in log


def test_no_response_names_the_server_software_or_its_version(web):
    """gunicorn's own Server header (#20 point 7), on a page and on gunicorn's own answer
    to a request it cannot parse."""
    client = http.client.HTTPConnection("127.0.0.1", web["port"], timeout=10)
    client.request(
        "GET", "/public/", headers={"Host": "portal.example", "X-Forwarded-Proto": "https"}
    )
    page = client.getresponse()
    page.read()
    assert page.status == 200
    assert page.getheader("Server") == "rkkp-portal"
    assert "no-store" in page.getheader("Cache-Control")
    assert "camera=()" in page.getheader("Permissions-Policy")

    with socket.create_connection(("127.0.0.1", web["port"]), timeout=10) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        answer = b""
        while chunk := raw.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400")
    assert b"gunicorn" not in answer.lower()
    assert not re.search(rb"(?im)^server:.*\d", answer)


# --- worker and beat ------------------------------------------------------------------


def run_ping_check(database_url: str, service: str, hostname: str, timeout: str | None = None):
    kind, command = SERVICES[service]["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    command = command.replace("$$", "$")  # compose's escape for a literal $
    if timeout:
        command = command.replace("--timeout 10", f"--timeout {timeout}")
    return subprocess.run(
        ["sh", "-c", command],
        cwd=ROOT,
        env=production_environment(database_url, HOSTNAME=hostname),
        capture_output=True,
        text=True,
        timeout=60,
    )


def start(database_url: str, arguments: list[str], log_path: Path) -> subprocess.Popen:
    with log_path.open("w") as log:
        return subprocess.Popen(
            [str(Path(VENV_BIN) / "celery"), "-A", "rkkp_portal", *arguments],
            cwd=ROOT,
            env=production_environment(database_url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_for_line(text: str, process, log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while text not in log_path.read_text():
        assert process.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, log_path.read_text()
        time.sleep(0.5)


@pytest.mark.celery_worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)")
@pytest.mark.parametrize(
    ("service", "arguments"),
    [
        # A queue of its own, so this worker takes no other test's tasks.
        ("worker", ["worker", "--pool", "solo", "-Q", "deployment-healthcheck", "-l", "info"]),
        ("beat", ["beat", "--enable-remote-control", "-l", "info"]),
    ],
)
def test_worker_and_beat_answer_their_health_check_and_a_missing_one_fails_it(
    server_database_url, tmp_path, service, arguments
):
    node = f"deploytest-{uuid.uuid4().hex[:8]}"
    if service == "beat":
        arguments += ["--schedule", str(tmp_path / "celerybeat-schedule")]
    prefix = "celery" if service == "worker" else "celerybeat"
    log_path = tmp_path / f"{service}.log"
    process = start(server_database_url, [*arguments, "-n", f"{prefix}@{node}"], log_path)
    try:
        # Listening to the broker's control channel: the worker is ready, beat's node is up.
        wait_for_line(
            " ready." if service == "worker" else "beat pidbox: Connected", process, log_path
        )
        healthy = run_ping_check(server_database_url, service, node)
        assert healthy.returncode == 0, healthy.stdout + healthy.stderr + log_path.read_text()
        assert f"{prefix}@{node}: OK" in healthy.stdout
        missing = run_ping_check(server_database_url, service, f"{node}-gone", timeout="2")
        assert missing.returncode == 69, missing.stdout + missing.stderr  # EX_UNAVAILABLE
    finally:
        process.terminate()
        process.wait(timeout=30)
