""".env.example names every variable a deployment can set, and holds no secret."""

import re
import secrets
import subprocess
import sys

from tests.deployment.files import (
    ROOT,
    compose_variables,
    env_example,
    env_example_active,
    load_compose,
    variables_read_by_code,
)

PORTAL_ENVIRONMENT = load_compose()["x-portal"]["environment"]
WEB_ENVIRONMENT = load_compose()["services"]["web"]["environment"]
# Set by docker-compose.yml itself (a value in .env would be overridden), except those it
# takes from .env with a default of its own (``NAME: ${NAME:-default}``).
SET_BY_COMPOSE = {
    name
    for name, value in {**PORTAL_ENVIRONMENT, **WEB_ENVIRONMENT}.items()
    if not str(value).startswith("${" + name + ":-")
}


def test_the_source_scan_finds_the_variables_it_should():
    # Guards the scan below: if it stopped finding reads, every other test here would pass.
    found = variables_read_by_code()
    assert {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_PORT"} <= set(found)
    assert {"GUNICORN_TIMEOUT", "GUNICORN_WORKERS", "FORWARDED_ALLOW_IPS"} <= set(found)
    assert found["SECRET_KEY"] == "rkkp_portal/settings.py"


def test_every_variable_the_code_reads_is_listed_or_set_by_compose():
    missing = {
        name: where
        for name, where in variables_read_by_code().items()
        if name not in env_example() and name not in SET_BY_COMPOSE
    }
    assert not missing, f"add these to .env.example: {missing}"


def test_every_variable_compose_interpolates_is_listed():
    missing = compose_variables() - set(env_example())
    assert not missing, f"add these to .env.example: {sorted(missing)}"


def test_every_listed_variable_is_read_by_something():
    known = set(variables_read_by_code()) | compose_variables()
    stale = set(env_example()) - known
    assert not stale, f".env.example lists variables nothing reads: {sorted(stale)}"


def test_the_urls_compose_sets_are_not_offered_in_the_example():
    assert not SET_BY_COMPOSE & set(env_example())


def test_secrets_are_blank_and_required_ones_are_not_commented_out():
    active = env_example_active()
    for name, value in env_example().items():
        if re.search(r"SECRET|PASSWORD|TOKEN", name):
            assert value == "", f"{name} must be blank in .env.example"
    assert {"SECRET_KEY", "POSTGRES_PASSWORD", "ALLOWED_HOSTS"} <= set(active)


def test_the_example_is_a_production_configuration():
    active = env_example_active()
    assert active["DEBUG"] == "0"
    assert active["SECURE_SSL_REDIRECT"] == "1"
    assert active["SESSION_COOKIE_SECURE"] == "1"
    assert int(active["SECURE_HSTS_SECONDS"]) >= 365 * 24 * 3600
    assert all(
        origin.startswith("https://") for origin in active["CSRF_TRUSTED_ORIGINS"].split(",")
    )
    assert active["SITE_URL"].startswith("https://")


def test_the_example_filled_in_passes_djangos_deployment_checks():
    """With only the blanks filled in, `check --deploy` finds nothing to warn about."""
    environment = {k: v for k, v in env_example_active().items() if v != ""}
    environment |= {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://rkkp:password@postgres:5432/rkkp",
        "REDIS_URL": "redis://redis:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
