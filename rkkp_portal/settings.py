"""Settings for the RKKP steering-group portal, read from environment variables.

Every setting has a safe default for a developer's machine; production sets DEBUG=0 and
then must provide SECRET_KEY. See README.md for the full list.
"""

from pathlib import Path

import dj_database_url

from rkkp_portal.config.beat import BEAT_SCHEDULE
from rkkp_portal.config.caches import caches, session_engine
from rkkp_portal.config.logs import logging_config
from rkkp_portal.environment import (
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
    provider_origins,
    proxy_ssl_header,
    required_secret,
)
from rkkp_portal.error_tracking import init_error_tracking

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = required_secret(
    "SECRET_KEY", debug=DEBUG, debug_default="insecure-development-key-only-for-debug"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The search's lookups and GIN indexes on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    # Django's own form and widget templates, for the template engine (FORM_RENDERER below).
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rkkp_portal.accounts",
    "rkkp_portal",
    "rkkp_portal.jobs",
    "regions",
    "steering",
    "representatives",
]

MIDDLEWARE = [
    # First: every log line of the request, and of the tasks it queues, carries its id.
    "rkkp_portal.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outermost of the portal's own: it sees every refusal (403/429), CSRF's included.
    "rkkp_portal.middleware.SecurityLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside WhiteNoise: static files keep their long cache; every page gets no-store.
    "rkkp_portal.headers.ResponseHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rkkp_portal.middleware.StaffSessionMiddleware",
    "rkkp_portal.middleware.StaffMFAMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Files past their view's limit are refused as they arrive (rkkp_portal/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "rkkp_portal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "rkkp_portal.urls"
WSGI_APPLICATION = "rkkp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rkkp_portal.context_processors.portal",
            ],
        },
    },
]
# Forms render through the template engine above, so templates/django/forms/field.html
# (the design system's markup) overrides Django's own (rkkp_portal/form_rendering.py).
FORM_RENDERER = "rkkp_portal.form_rendering.FormRenderer"

# --- Database -------------------------------------------------------------------------
# SQLite is the embedded default for `make run`; CI and production use PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite locks the whole database, not rows. A transaction that reads and then writes
    # (an outbox claim, most services) would otherwise start as a reader and fail at once
    # with "database is locked" when another thread writes first (runserver's threads and
    # the letters they deliver in-process). IMMEDIATE takes the write lock at BEGIN, so
    # such transactions queue for up to `timeout` seconds and then see fresh data; WAL
    # lets pages be read while one of them writes. Reads outside a transaction are not
    # affected; no SMTP conversation happens inside one (steering/letters/delivery.py).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
    }
# Model choice fields read their options with .iterator(), which on PostgreSQL opens a
# server-side cursor (DECLARE, FETCH, CLOSE: about twice a plain query). Nothing here
# streams rows with .iterator() (option lists are rendered whole anyway), so plain
# client-side reads cost nothing in memory; it also keeps the app safe behind a
# transaction-pooling PgBouncer.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and login ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Permissions are rules (rkkp_portal/…/rules.py); logins are by e-mail through allauth.
AUTHENTICATION_BACKENDS = [
    # The rules; a refused portal permission ends the check (rkkp_portal/accounts/backends.py).
    "rkkp_portal.accounts.backends.RulesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # ~416,000 leaked passwords, checked offline, also with digits and symbols around them.
    {"NAME": "rkkp_portal.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "rkkp_portal.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
# A password reset for an address with no login sends nothing, and the page says the same
# as for a known address: nobody learns who has a login, and no mail goes to strangers.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# allauth's rate limits live in the cache: Redis (REDIS_URL) in production, so every
# gunicorn worker counts the same attempts. Wrong passwords: 10 a minute from one address,
# 5 in 5 minutes for one login from one address ("key" is login + address: AccountAdapter,
# so a stranger's guesses cannot lock a known login out for its owner elsewhere). Wrong
# TOTP codes count 5 in 5 minutes per user from anywhere (only someone with the password
# gets that far). allauth's other defaults stay (logins 30/m per address, password
# resets 20/m per address …).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Behind a proxy every request comes from the proxy's address: say how many proxies add to
# X-Forwarded-For, or the per-address limits count all users as one (README, production).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
MFA_ADAPTER = "rkkp_portal.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RKKP styregruppeportal"
# Staff (secretariat, regional administrators, the circle) must use MFA in production.
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", default=not DEBUG)
# Staff sessions end after this much inactivity and, at the latest, this long after the
# login (rkkp_portal.middleware.StaffSessionMiddleware); members keep Django's session age.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 10)
# allauth.usersessions lists a user's sessions at /accounts/sessions/ and lets them end
# them; the portal ends them all when a login is deactivated (rkkp_portal/security.py).
USERSESSIONS_TRACK_ACTIVITY = False
# Staff sign in through their organisation's OpenID Connect provider (rkkp_portal/accounts/
# sso.py; README "Single sign-on for staff"): providers from the admin or this JSON list.
SOCIALACCOUNT_ADAPTER = "rkkp_portal.accounts.sso.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": env_json("SSO_OIDC_PROVIDERS", [])}
}
# Every sign-in, sign-out, failure, lock-out, reset and MFA step is recorded (accounts/
# signins/); records older than this are deleted nightly (purge_sign_in_records).
SIGN_IN_RECORDS_KEPT_DAYS = env_int("SIGN_IN_RECORDS_KEPT_DAYS", 365)

# --- Language, time -------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Dates and numbers follow the language: 15. januar 2026 and 180.000,00 in Danish,
# 15 January 2026 and 180,000.00 in English (rkkp_portal/formats/). Numbers are grouped only
# where a template asks (the kroner filter): grouping every number would print years as 2.026.
FORMAT_MODULE_PATH = ["rkkp_portal.formats"]

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Vendor assets come from npm (package.json) and are served by the app, never a CDN.
    ("vendor/dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

# --- E-mail ---------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RKKP styregruppeportal <noreply@rkkp.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Letters say when they were written in Danish time (+0100/+0200), and their Message-ID
# names the portal's own domain, SITE_URL's (steering/letters/mail.py).
EMAIL_USE_LOCALTIME = True
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    # No SMTP server configured: keep every letter as a file rather than lose it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

# --- Cache, Celery --------------------------------------------------------------------
# Two Redis roles (rkkp_portal/config/caches.py): REDIS_URL is the broker (never evicts,
# persisted); CACHE_URL the cache and sessions (bounded, evicts), the broker's server when
# unset. Without either, tasks run in-process and the cache is this process's memory.
REDIS_URL = env_str("REDIS_URL")
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
CACHES = caches(CACHE_URL)
SESSION_ENGINE = session_engine(CACHE_URL)
# A silent broker (hung, or a half-open connection) must not hold a request that has
# committed: connecting and every answer give up after a few seconds.
REDIS_SOCKET_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 3}
# The compliance register (steering/compliance/register.py) is kept only in a cache every
# process shares: a per-process copy would outlive a change another worker made.
COMPLIANCE_REGISTER_KEPT = bool(CACHE_URL)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker the tasks run in-process; services only enqueue after commit either way.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)
# Celery's Django fix-up closes the database connection around every task unless this is
# set; reconnecting to PostgreSQL costs more than delivering a letter. Stale or broken
# connections are still closed after each task (steering/tasks.py, close_old_connections).
CELERY_DB_REUSE_MAX = 1000
# Seconds before the first retry of a failed delivery; each retry waits twice as long.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 30)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, **REDIS_SOCKET_OPTIONS}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT, CELERY_REDIS_SOCKET_TIMEOUT = 3, 3  # a result backend's
# Publishing is tried once, not four times: the sweeper hands out what did not get through.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE  # rkkp_portal/config/beat.py

# --- Security -------------------------------------------------------------------------
# Production (DEBUG off) is https only; `make run` (DEBUG=1) and the tests (pyproject's
# D: defaults) turn the https parts off so they work over plain http.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The compose health check and load balancers probe over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# gunicorn already trusts X-Forwarded-Proto from FORWARDED_ALLOW_IPS; behind another
# server, name the header the TLS proxy sets: "X-Forwarded-Proto" or "X-Forwarded-Proto,https".
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a decision for the owner of the registrable domain (it binds every
# subdomain in browsers for months), not for one application: off unless asked for, and
# Django's reminder that it is off (security.W021) is silenced only in that case.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: https only in production, out of reach of scripts, not sent on cross-site
# sub-requests. Lax (not Strict) so a link in a letter opens the portal signed in.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Pages carry the token in their forms and in base.html's data-hx-headers; no script reads it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. The TOTP
# QR code is a data: image; htmx is told not to inject its indicator <style> (base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # The SSO button posts here and is sent on to the provider; browsers hold that
        # redirect to form-action. Providers added in the admin: SSO_FORM_ACTION_ORIGINS.
        "form-action": [
            "'self'",
            *provider_origins(SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]),
            *env_list("SSO_FORM_ACTION_ORIGINS"),
        ],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# LOG_FORMAT=json: one JSON object a line with the request id (rkkp_portal/json_logs.py).
LOGGING = logging_config(
    level=env_str("LOG_LEVEL", "INFO"), log_format=env_str("LOG_FORMAT", "plain")
)
# The worker logs through LOGGING too (format, request ids), not Celery's own set-up.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Unhandled errors and logged errors of web and worker, personal data scrubbed
# (rkkp_portal/error_tracking.py); nothing is sent without SENTRY_DSN.
SENTRY_DSN = env_str("SENTRY_DSN")
init_error_tracking(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))

# Error reports (the DEBUG page, e-mails to ADMINS) hide tokens as the logs do.
DEFAULT_EXCEPTION_REPORTER = "rkkp_portal.error_reports.ErrorReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "rkkp_portal.error_reports.ErrorReportFilter"

# --- Domain ---------------------------------------------------------------------------
# Days before a planned term end at which a seat counts as "ending soon".
TERM_ENDING_SOON_DAYS = env_int("TERM_ENDING_SOON_DAYS", 90)
# Days before a planned term end at which the body that appoints the seat is asked about
# the next period, and the member whether they will continue (steering/succession/);
# a steering group may set its own.
SUCCESSION_ASK_DAYS = env_int("SUCCESSION_ASK_DAYS", 180)

# Data protection (steering/privacy/services.py; stated on the privacy page /privatliv/).
# A person whose seats all ended this many days ago (and who has no open nomination,
# request or buy-out, and no staff role) is anonymised by the daily job. Five years: a
# chair's period is four years and a returning member's earlier tenure still counts for
# the period limit; buy-out payments fall under the bookkeeping act's five years.
ANONYMISE_AFTER_DAYS = env_int("ANONYMISE_AFTER_DAYS", 5 * 365)
# The text of a delivered letter is removed this many days after delivery; kind, subject,
# recipient and status stay. Half a year covers questions about a meeting cycle's letters.
OUTBOX_BODY_RETENTION_DAYS = env_int("OUTBOX_BODY_RETENTION_DAYS", 180)
# An uploaded roster (its rows, kept by the preview and import jobs so the import is what
# was previewed) is removed this many days after the upload (steering/imports/retention.py);
# the jobs' records keep the file's name and the counts of each outcome. A month leaves
# time to correct a file and import it.
ROSTER_UPLOAD_RETENTION_DAYS = env_int("ROSTER_UPLOAD_RETENTION_DAYS", 30)
# Where people send questions about their personal data and requests for an export.
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "databeskyttelse@rkkp.example")
