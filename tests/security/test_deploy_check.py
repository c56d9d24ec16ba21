"""`manage.py check --deploy` passes with production settings, and fails when one is missing.

Each case starts a fresh process, since settings are read once per process from the
environment (as in tests/test_settings.py).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from rkkp_portal.environment import proxy_ssl_header

BASE_DIR = Path(__file__).resolve().parents[2]

# What the developer's shell or pytest's D: defaults may carry into a child process.
CLEARED = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "REQUIRE_STAFF_MFA",
    "SESSION_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "STAFF_SESSION_IDLE_MINUTES",
    "STAFF_SESSION_MAX_HOURS",
)


def production_env(**overrides: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="rkkp_portal.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.rkkp.example",
        CSRF_TRUSTED_ORIGINS="https://portal.rkkp.example",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    return run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(**overrides)
    )


SETTINGS_REPORT = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SECURE_REDIRECT_EXEMPT",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "STAFF_SESSION_IDLE_MINUTES",
    "STAFF_SESSION_MAX_HOURS", "REQUIRE_STAFF_MFA", "SILENCED_SYSTEM_CHECKS")}))
"""


def settings_in(env: dict) -> dict:
    result = run(["-c", SETTINGS_REPORT], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deploy_check_passes_with_production_settings():
    result = deploy_check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("override", "warning"),
    [
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SESSION_COOKIE_SECURE": "0"}, "security.W012"),
    ],
    ids=["ssl-redirect", "cookies"],
)
def test_the_deploy_check_fails_when_a_protection_is_switched_off(override, warning):
    result = deploy_check(**override)

    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


def test_production_defaults():
    loaded = settings_in(production_env())

    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert loaded["SECURE_HSTS_PRELOAD"] is False
    assert loaded["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]
    assert loaded["SECURE_PROXY_SSL_HEADER"] is None
    assert loaded["SECURE_REDIRECT_EXEMPT"] == [r"^health/$"]
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True
    assert loaded["CSRF_COOKIE_HTTPONLY"] is True
    assert loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert loaded["STAFF_SESSION_IDLE_MINUTES"] == 30
    assert loaded["STAFF_SESSION_MAX_HOURS"] == 10
    assert loaded["REQUIRE_STAFF_MFA"] is True


def test_every_security_setting_can_be_overridden():
    loaded = settings_in(
        production_env(
            SECURE_HSTS_SECONDS="600",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
            SECURE_HSTS_PRELOAD="1",
            SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
            STAFF_SESSION_IDLE_MINUTES="15",
            STAFF_SESSION_MAX_HOURS="8",
        )
    )

    assert loaded["SECURE_HSTS_SECONDS"] == 600
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert loaded["SECURE_HSTS_PRELOAD"] is True
    assert loaded["SILENCED_SYSTEM_CHECKS"] == []
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert loaded["STAFF_SESSION_IDLE_MINUTES"] == 15
    assert loaded["STAFF_SESSION_MAX_HOURS"] == 8


def test_debug_serves_plain_http_for_make_run():
    env = production_env(DEBUG="1")
    del env["SECRET_KEY"]

    loaded = settings_in(env)

    assert loaded["SECURE_SSL_REDIRECT"] is False
    assert loaded["SECURE_HSTS_SECONDS"] == 0
    assert loaded["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("  ", None),
        ("X-Forwarded-Proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-ssl, on", ("HTTP_X_FORWARDED_SSL", "on")),
    ],
)
def test_proxy_ssl_header_is_read_from_a_header_name(raw, expected):
    assert proxy_ssl_header(raw) == expected


def test_proxy_ssl_header_needs_a_name():
    with pytest.raises(ImproperlyConfigured):
        proxy_ssl_header(",https")
