"""settings.py is read from the environment; each case loads it in a fresh interpreter.

A subprocess per case because settings are evaluated once per process: the only honest
way to see what a deployment with a given environment gets is to start one.
"""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables a developer's or CI's shell may carry that would change what a case sees.
CLEARED = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "ALLOWED_HOSTS",
    "REQUIRE_STAFF_MFA",
    "SESSION_COOKIE_SECURE",
    "CACHE_URL",
    "LOG_FORMAT",
    "SENTRY_DSN",
    "SSO_OIDC_PROVIDERS",
    "SSO_FORM_ACTION_ORIGINS",
    "SIGN_IN_RECORDS_KEPT_DAYS",
)

REPORT = """
import functools
import json
import django
django.setup()
from django.conf import settings
from rkkp_portal.celery import app
import sentry_sdk
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "celery_always_eager": app.conf.task_always_eager,
    "celery_broker": app.conf.broker_url,
    "celery_acks_late": app.conf.task_acks_late,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION"),
    "COMPLIANCE_REGISTER_KEPT": settings.COMPLIANCE_REGISTER_KEPT,
    "LOG_FORMATTER": settings.LOGGING["handlers"]["console"]["formatter"],
    "error_tracking": sentry_sdk.get_client().is_active(),
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "LANGUAGES": [code for code, _ in settings.LANGUAGES],
    "REQUIRE_STAFF_MFA": settings.REQUIRE_STAFF_MFA,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "SSO_APPS": settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"],
    "FORM_ACTION": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
    "SIGN_IN_RECORDS_KEPT_DAYS": settings.SIGN_IN_RECORDS_KEPT_DAYS,
}))
"""


def start_with(**env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in CLEARED}
    clean["DJANGO_SETTINGS_MODULE"] = "rkkp_portal.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@functools.cache
def _loaded(env: frozenset[tuple[str, str]]) -> dict:
    result = start_with(**dict(env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def settings_with(**env: str) -> dict:
    """The settings a process started with ``env`` sees (one process per distinct env)."""
    return _loaded(frozenset(env.items()))


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = start_with(DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_it_starts_with_debug_off_when_a_secret_key_is_given():
    loaded = settings_with(DEBUG="0", SECRET_KEY="a-real-secret")

    assert loaded["DEBUG"] is False
    assert loaded["SECRET_KEY"] == "a-real-secret"


def test_debug_off_means_production_defaults():
    loaded = settings_with(SECRET_KEY="a-real-secret")

    assert loaded["DEBUG"] is False
    assert loaded["REQUIRE_STAFF_MFA"] is True
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["STATICFILES_BACKEND"].startswith("whitenoise.")


def test_debug_on_relaxes_mfa_and_cookies_for_the_demo():
    loaded = settings_with(DEBUG="1")

    assert loaded["DEBUG"] is True
    assert loaded["SECRET_KEY"]
    assert loaded["REQUIRE_STAFF_MFA"] is False
    assert loaded["SESSION_COOKIE_SECURE"] is False


def test_a_misspelt_debug_value_stops_the_process():
    result = start_with(DEBUG="ture", SECRET_KEY="a-real-secret")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG" in result.stderr
    assert "'ture'" in result.stderr


def test_a_non_numeric_port_stops_the_process():
    result = start_with(DEBUG="1", EMAIL_PORT="smtp")

    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number" in result.stderr


def test_without_database_url_the_database_is_the_sqlite_file_in_var():
    loaded = settings_with(DEBUG="1")

    assert loaded["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["DB_NAME"] == str(BASE_DIR / "var" / "db.sqlite3")


def test_a_postgres_database_url_selects_postgresql():
    loaded = settings_with(DEBUG="1", DATABASE_URL="postgres://portal:pw@db.example:5433/portal")

    assert loaded["ENGINE"] == "django.db.backends.postgresql"
    assert loaded["DB_NAME"] == "portal"


def test_without_redis_url_tasks_run_eagerly_in_process():
    loaded = settings_with(DEBUG="1")

    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is True
    assert loaded["celery_always_eager"] is True
    assert loaded["celery_broker"] == "memory://"
    assert loaded["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # A per-process cache must not hold sessions: one ended in one worker would live on
    # in another's copy.
    assert loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_with_redis_url_tasks_go_to_the_broker():
    loaded = settings_with(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")

    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is False
    assert loaded["celery_always_eager"] is False
    assert loaded["celery_broker"] == "redis://127.0.0.1:6379/3"
    assert loaded["celery_acks_late"] is True
    assert loaded["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["SESSION_ENGINE"] == "rkkp_portal.accounts.sessions"


def test_the_cache_is_the_brokers_redis_unless_cache_url_names_another():
    single_box = settings_with(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    assert single_box["CACHE_LOCATION"] == "redis://127.0.0.1:6379/3"

    apart = settings_with(
        DEBUG="1", REDIS_URL="redis://broker:6379/0", CACHE_URL="redis://cache:6379/0"
    )
    assert apart["celery_broker"] == "redis://broker:6379/0"
    assert apart["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert apart["CACHE_LOCATION"] == "redis://cache:6379/0"
    assert apart["SESSION_ENGINE"] == "rkkp_portal.accounts.sessions"
    assert apart["COMPLIANCE_REGISTER_KEPT"] is True


def test_a_shared_cache_without_a_broker_keeps_sessions_there_and_runs_tasks_in_process():
    loaded = settings_with(DEBUG="1", CACHE_URL="redis://cache:6379/0")

    assert loaded["celery_always_eager"] is True
    assert loaded["CACHE_LOCATION"] == "redis://cache:6379/0"
    assert loaded["SESSION_ENGINE"] == "rkkp_portal.accounts.sessions"


def test_logs_are_plain_lines_unless_log_format_asks_for_json():
    assert settings_with(DEBUG="1")["LOG_FORMATTER"] == "plain"
    assert settings_with(DEBUG="1", LOG_FORMAT="json")["LOG_FORMATTER"] == "json"
    result = start_with(DEBUG="1", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be plain or json; got 'xml'" in result.stderr


def test_error_tracking_runs_only_with_a_dsn():
    assert settings_with(DEBUG="1")["error_tracking"] is False
    dsn = "http://public-key@127.0.0.1:9/1"  # the discard port: nothing is sent at start
    assert settings_with(DEBUG="1", SENTRY_DSN=dsn)["error_tracking"] is True


def test_without_smtp_host_in_debug_mail_goes_to_the_console():
    loaded = settings_with(DEBUG="1")

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_without_smtp_host_in_production_mail_is_kept_as_files():
    loaded = settings_with(DEBUG="0", SECRET_KEY="a-real-secret")

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


def test_with_smtp_host_mail_goes_to_smtp():
    loaded = settings_with(DEBUG="1", EMAIL_HOST="smtp.example", EMAIL_PORT="587")

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert loaded["EMAIL_PORT"] == 587


def test_the_portal_speaks_danish_first_and_english_too():
    loaded = settings_with(DEBUG="1")

    assert loaded["LANGUAGE_CODE"] == "da"
    assert "en" in loaded["LANGUAGES"]


def test_allowed_hosts_are_read_from_a_comma_list():
    loaded = settings_with(DEBUG="1", ALLOWED_HOSTS=" portal.rkkp.example, .rkkp.example ,,")

    assert loaded["ALLOWED_HOSTS"] == ["portal.rkkp.example", ".rkkp.example"]


def test_allowed_hosts_default_to_the_local_machine():
    loaded = settings_with(DEBUG="1")

    assert loaded["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


SSO_PROVIDER = {
    "provider_id": "region-midt",
    "name": "Region Midtjylland",
    "client_id": "portal",
    "secret": "from-the-region",
    "settings": {"server_url": "https://login.microsoftonline.com/tenant/v2.0"},
}


def test_sso_providers_come_from_json_and_their_origins_may_take_the_login_form():
    loaded = settings_with(
        DEBUG="1",
        SSO_OIDC_PROVIDERS=json.dumps([SSO_PROVIDER]),
        SSO_FORM_ACTION_ORIGINS="https://adfs.rsyd.example",
    )

    assert loaded["SSO_APPS"] == [SSO_PROVIDER]
    assert loaded["FORM_ACTION"] == [
        "'self'",
        "https://login.microsoftonline.com",
        "https://adfs.rsyd.example",
    ]


def test_without_sso_providers_forms_post_to_the_portal_only():
    loaded = settings_with(DEBUG="1")

    assert loaded["SSO_APPS"] == []
    assert loaded["FORM_ACTION"] == ["'self'"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("[{not json", "SSO_OIDC_PROVIDERS must be JSON"), ('[{"name": "x"}]', "server_url")],
)
def test_a_broken_sso_provider_list_stops_the_process(value, message):
    result = start_with(DEBUG="1", SSO_OIDC_PROVIDERS=value)

    assert result.returncode != 0
    assert message in result.stderr


def test_sign_in_records_are_kept_a_year_unless_told_otherwise():
    assert settings_with(DEBUG="1")["SIGN_IN_RECORDS_KEPT_DAYS"] == 365
    assert (
        settings_with(DEBUG="1", SIGN_IN_RECORDS_KEPT_DAYS="90")["SIGN_IN_RECORDS_KEPT_DAYS"] == 90
    )
