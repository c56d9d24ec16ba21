"""`.ci/services`, which `make test` and `.ci/run` call first: what it decides on a machine
that lacks something.

Each case runs the script with a PATH of its own: links to every program on the real PATH
but the ones taken away, behind a directory of stand-ins (a Java or Node.js that reports
an old version). ``CI_SERVICES_INSTALL=0`` keeps it from installing anything, so it must
stop and name the command that would.
"""

import os
import subprocess
from pathlib import Path

import pytest

from tests.deployment.files import ROOT

SCRIPT = ROOT / ".ci" / "services"


def machine_path(tmp_path: Path, *, without=(), stand_ins: dict[str, str] | None = None) -> str:
    links = tmp_path / "links"
    links.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        folder = Path(directory)
        if not folder.is_dir():
            continue
        for program in folder.iterdir():
            target = links / program.name
            if program.name not in without and not target.exists() and not target.is_symlink():
                target.symlink_to(program)
    # Stand-ins are new files in a directory of their own, ahead of the links: never
    # written through a link into the real program.
    fakes = tmp_path / "stand-ins"
    fakes.mkdir()
    for name, output in (stand_ins or {}).items():
        fake = fakes / name
        fake.write_text(f"#!/bin/sh\necho '{output}' >&2\necho '{output}'\n")
        fake.chmod(0o755)
    return f"{fakes}{os.pathsep}{links}"


def run_services(path: str, *passes: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": path,
        "HOME": os.environ.get("HOME", "/root"),
        "CI_SERVICES_INSTALL": "0",
        **environment,
    }
    return subprocess.run(
        [str(SCRIPT), *passes],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_with_every_tool_at_hand_the_sqlite_pass_is_ready():
    result = run_services(os.environ["PATH"], "sqlite")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "== Ready for make test (sqlite)" in result.stdout
    assert "missing" not in result.stdout


def test_without_chromium_it_stops_and_names_the_package_that_installs_it(tmp_path):
    result = run_services(machine_path(tmp_path, without={"chromium"}), "sqlite")

    assert result.returncode == 1
    assert "missing: Chromium (the browser tests) (Debian package chromium)" in result.stdout
    assert "apt-get install -y chromium\n" in result.stderr
    assert "Ready" not in result.stdout


def test_a_java_older_than_17_counts_as_missing_with_everything_else_in_one_command(tmp_path):
    path = machine_path(
        tmp_path, without={"chromium", "msgfmt"}, stand_ins={"java": 'openjdk version "11.0.2"'}
    )

    result = run_services(path, "sqlite")

    assert result.returncode == 1
    assert "Java 17 or later (the HTML checker; found: 11)" in result.stdout
    assert "apt-get install -y gettext chromium openjdk-17-jre-headless\n" in result.stderr


def test_node_18_stops_with_the_command_that_installs_node_20(tmp_path):
    path = machine_path(tmp_path, stand_ins={"node": "v18.19.0"})

    result = run_services(path, "sqlite")

    assert result.returncode == 1
    assert "missing: Node.js 20 or later with npm (found: Node.js 18)" in result.stdout
    assert "https://deb.nodesource.com/setup_20.x" in result.stderr
    assert "apt-get" not in result.stderr.split("nodesource")[0]  # no Debian package for it


@pytest.mark.postgresql
def test_a_postgresql_login_that_is_refused_stops_it_with_the_server_s_words(tmp_path):
    database = os.environ.get("DATABASE_URL", "")
    host_and_port = database.split("@")[-1].split("/")[0]

    result = run_services(
        os.environ["PATH"],
        "postgresql",
        DATABASE_URL=f"postgres://no_such_role_here@{host_and_port}/rkkp",
        REDIS_URL="",
    )

    assert result.returncode == 1
    assert "cannot sign in to PostgreSQL" in result.stderr
    assert "no_such_role_here" in result.stderr
