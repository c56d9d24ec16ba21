"""Backups that are restored (#21 point 8): the backup service's own script dumps the
database, the dump is restored into a fresh PostgreSQL database with pg_restore, and a
gunicorn on that database serves the public page of what was dumped."""

import datetime
import http.client
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from steering.models import ClinicalDatabase
from tests import factories
from tests.deployment.files import ROOT, command_text, load_compose
from tests.deployment.test_healthchecks import (
    VENV_BIN,
    database_url_of_the_test_database,
    free_port,
    production_environment,
)

SCRIPT = ROOT / "ops" / "backup" / "backup.sh"
SERVICE = load_compose()["services"]["backup"]


def run_backup(backup_dir: Path, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(SCRIPT), "--once"],
        env={"PATH": os.environ["PATH"], "BACKUP_DIR": str(backup_dir), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def aged(path: Path, days: float) -> Path:
    path.write_bytes(b"an older dump")
    then = time.time() - days * 24 * 3600
    os.utime(path, (then, then))
    return path


@pytest.fixture
def fresh_database():
    """An empty database on the test server, dropped afterwards."""
    if shutil.which("pg_restore") is None:
        pytest.skip("needs PostgreSQL's client tools (pg_dump, pg_restore, createdb)")
    db = connection.settings_dict
    name = f"{db['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    server = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    server += ["-U", db["USER"]] if db["USER"] else []
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else {})}
    subprocess.run(["createdb", *server, name], env=env, check=True, timeout=60)
    try:
        yield database_url_of_the_test_database().rpartition("/")[0] + "/" + name
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", "--force", name], env=env, timeout=60)


def serve(database_url: str, log_path: Path, path: str) -> http.client.HTTPResponse:
    """gunicorn on ``database_url`` as the web service runs it; the answer to ``path``."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(Path(VENV_BIN) / "gunicorn"), "rkkp_portal.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=production_environment(
                database_url, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1"
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                client.request(
                    "GET", path, headers={"Host": "portal.example", "X-Forwarded-Proto": "https"}
                )
                response = client.getresponse()
                response.body = response.read()
                return response
            except OSError:
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_dump_the_script_writes_restores_into_a_fresh_database_that_serves_the_portal(
    fresh_database, tmp_path
):
    group = factories.GroupFactory(database__name="Dansk Backupdatabase")
    factories.MembershipFactory(
        group=group,
        role="chair",
        person__first_name="Karen",
        person__last_name="Blixen",
        term_start=datetime.date(2024, 1, 1),
    )
    slug = group.database.slug
    backups = tmp_path / "backups"
    backups.mkdir()
    expired = aged(backups / "rkkp-20200101T000000Z.dump", days=15)
    recent = aged(backups / "rkkp-20200102T000000Z.dump", days=13)
    unrelated = aged(backups / "notes.txt", days=400)

    result = run_backup(
        backups, DATABASE_URL=database_url_of_the_test_database(), BACKUP_KEEP_DAYS="14"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    [dump] = [p for p in backups.glob("rkkp-*.dump") if p not in (expired, recent)]
    assert "wrote " + str(dump) in result.stdout
    assert not expired.exists() and recent.exists() and unrelated.exists()
    assert not list(backups.glob("*.partial"))
    # Changed after the dump: the restored database must still have the old name.
    ClinicalDatabase.objects.filter(slug=slug).update(name="Changed after the backup")

    restore = subprocess.run(
        [
            *("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"),
            *("--dbname", fresh_database, str(dump)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restore.returncode == 0, restore.stderr

    page = serve(fresh_database, tmp_path / "gunicorn.log", f"/public/databases/{slug}/")
    assert page.status == 200, (tmp_path / "gunicorn.log").read_text()
    html = page.body.decode()
    assert "Dansk Backupdatabase" in html and "Blixen" in html
    assert "Changed after the backup" not in html


@pytest.mark.postgresql
@pytest.mark.django_db
def test_a_failing_dump_fails_loudly_and_leaves_the_older_dumps(tmp_path):
    kept = aged(tmp_path / "rkkp-20200101T000000Z.dump", days=30)
    unreachable = database_url_of_the_test_database().rpartition("/")[0] + "/no_such_database"

    result = run_backup(tmp_path, DATABASE_URL=unreachable, BACKUP_KEEP_DAYS="1")

    assert result.returncode != 0
    assert "FAILED" in result.stderr
    assert kept.exists() and list(tmp_path.iterdir()) == [kept]


def test_settings_that_are_not_whole_numbers_stop_the_script(tmp_path):
    result = run_backup(tmp_path, DATABASE_URL="postgres://x@127.0.0.1:1/x", BACKUP_KEEP_DAYS="2w")
    assert result.returncode == 2 and "whole numbers" in result.stderr


def test_the_service_runs_the_script_on_a_volume_with_settable_retention():
    assert SERVICE["build"] == "ops/backup"
    dockerfile = (ROOT / "ops" / "backup" / "Dockerfile").read_text()
    assert "COPY --chmod=0755 backup.sh /usr/local/bin/rkkp-backup" in dockerfile
    assert 'ENTRYPOINT ["rkkp-backup"]' in dockerfile
    assert "command" not in SERVICE  # the loop: a dump now, then every interval
    assert SERVICE["volumes"] == ["backups:/backups"]
    assert SERVICE["environment"]["BACKUP_KEEP_DAYS"] == "${BACKUP_KEEP_DAYS:-14}"
    assert SERVICE["environment"]["BACKUP_INTERVAL_HOURS"] == "${BACKUP_INTERVAL_HOURS:-24}"
    assert SERVICE["environment"]["DATABASE_URL"].endswith("@postgres:5432/rkkp")
    # The client tools match the server's major version.
    server = load_compose()["services"]["postgres"]["image"].split(":")[1].split(".")[0]
    assert f"FROM postgres:{server}." in dockerfile
    assert command_text(SERVICE) == ""


def test_the_health_check_fails_once_the_newest_dump_is_older_than_the_interval(tmp_path):
    check = SERVICE["healthcheck"]["test"]
    assert check[0] == "CMD-SHELL"
    command = check[1].replace("$$", "$").replace("/backups", str(tmp_path))

    def healthy() -> bool:
        env = {"PATH": os.environ["PATH"], "BACKUP_INTERVAL_HOURS": "24"}
        return subprocess.run(["sh", "-c", command], env=env, timeout=30).returncode == 0

    assert not healthy()  # no dump yet
    aged(tmp_path / "rkkp-20200101T000000Z.dump", days=1.5)
    assert not healthy()
    aged(tmp_path / "rkkp-20200102T000000Z.dump", days=0.9)
    assert healthy()
    (tmp_path / "rkkp-20200102T000000Z.dump").unlink()
    aged(tmp_path / "rkkp-20200103T000000Z.dump.partial", days=0)
    assert not healthy()


def test_the_script_is_posix_shell():
    """The postgres image's /bin/sh is dash; the test runs the script with it too."""
    assert SCRIPT.read_text().startswith("#!/bin/sh\n")
    result = subprocess.run(["sh", "-n", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
