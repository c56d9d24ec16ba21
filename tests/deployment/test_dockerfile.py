"""Dockerfile and .dockerignore: npm assets from the lock, translations and static files
built into the image, the production lock installed, a non-root user at run time."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.deployment.files import ROOT, dockerfile_stages

STAGES = dockerfile_stages()
ASSETS, APP = STAGES


def runs(stage: dict) -> list[str]:
    return [arguments for keyword, arguments in stage["instructions"] if keyword == "RUN"]


def test_it_builds_in_two_stages_node_for_assets_and_python_311_for_the_app():
    assert ASSETS["from"].startswith("node:") and ASSETS["from"].endswith(" AS assets")
    assert APP["from"].startswith("python:3.11.")


def test_the_npm_assets_come_from_package_lock_with_npm_ci_and_without_dev_dependencies():
    assert ("COPY", "package.json package-lock.json ./") in ASSETS["instructions"]
    [install] = runs(ASSETS)
    assert install.startswith("npm ci ") and "--omit=dev" in install.split()
    assert "npm install" not in (ROOT / "Dockerfile").read_text()
    assert ("COPY", "--from=assets /app/node_modules ./node_modules") in APP["instructions"]


def test_every_vendor_asset_the_settings_serve_is_a_production_npm_dependency():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    node_modules = ROOT / "node_modules"
    served = [
        Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS
    ]
    vendor = [
        path.relative_to(node_modules).parts[0] for path in served if node_modules in path.parents
    ]
    assert vendor, "the settings serve no npm package?"
    for name in vendor:
        assert name in package["dependencies"], f"{name} must not be a devDependency"
        assert lock["packages"][f"node_modules/{name}"].get("dev") is not True
    # The HTML checker used by the tests is big and must stay out of the image.
    assert "vnu-jar" in package.get("devDependencies", {})


def test_it_installs_exactly_the_production_lock():
    assert ("COPY", "requirements.lock ./") in APP["instructions"]
    installs = [run for run in runs(APP) if "pip install" in run]
    assert installs == ["pip install --no-deps --require-hashes -r requirements.lock && pip check"]
    assert "requirements-dev.lock" not in (ROOT / "Dockerfile").read_text()


def test_it_compiles_the_translations_and_collects_hashed_static_files_at_build_time():
    build = " && ".join(runs(APP))
    assert "python manage.py compilemessages" in build
    assert "DEBUG=0 SECRET_KEY=build-time-only python manage.py collectstatic --noinput" in build
    copy_all = APP["instructions"].index(("COPY", ". ."))
    collect = next(i for i, (k, a) in enumerate(APP["instructions"]) if "collectstatic" in a)
    assert copy_all < collect


def test_the_build_time_environment_is_enough_to_load_the_production_settings():
    """collectstatic in the image runs with only DEBUG=0 and a throwaway key set."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": "build-time-only"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_as_an_unprivileged_user_that_may_write_only_var():
    users = [arguments for keyword, arguments in APP["instructions"] if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    build = " && ".join(runs(APP))
    assert (
        f"useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin {users[-1]}"
        in build
    )
    assert f"chown -R {users[-1]}:{users[-1]} var" in build
    assert ("VOLUME", '["/app/var"]') in APP["instructions"]


def test_its_default_command_is_gunicorn_with_the_repositorys_configuration():
    assert APP["instructions"][-1] == (
        "CMD",
        '["gunicorn", "rkkp_portal.wsgi", "-c", "gunicorn.conf.py"]',
    )


def test_the_build_context_leaves_out_secrets_and_local_installs_but_not_what_the_build_needs():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", ".env.*", "!.env.example", ".git", ".venv", "node_modules", "var"} <= ignored
    assert "staticfiles" in ignored and "*.mo" in ignored  # built fresh in the image
    needed = {
        "requirements.lock",
        "package.json",
        "package-lock.json",
        "manage.py",
        "locale",
        "static",
        "templates",
        "gunicorn.conf.py",
        "rkkp_portal",
    }
    assert not needed & ignored
