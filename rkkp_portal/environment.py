"""Strict readers for the environment variables that drive ``settings.py``.

Each reader fails loudly on a value it does not understand, so a typo in a
deployment (``DEBUG=ture``) stops the process instead of silently picking a default.
"""

import json
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "on"}
_FALSE = {"0", "false", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, on/off; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default):
    """A JSON value (SSO_OIDC_PROVIDERS is a list of provider objects)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be JSON: {error}") from None


def provider_origins(apps: list[dict]) -> list[str]:
    """The origins (scheme://host[:port]) of SSO providers' ``server_url`` settings."""
    origins = []
    for app in apps:
        parts = urlsplit(str((app.get("settings") or {}).get("server_url", "")))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured(f"SSO_OIDC_PROVIDERS: {app!r} needs settings.server_url")
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def required_secret(name: str, *, debug: bool, debug_default: str) -> str:
    """A secret that may only fall back to a development value while DEBUG is on."""
    value = os.environ.get(name, "")
    if value:
        return value
    if debug:
        return debug_default
    raise ImproperlyConfigured(
        f"{name} must be set when DEBUG is off. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )


def proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER`` from "X-Forwarded-Proto" or "X-Forwarded-Proto,https".

    Empty means no header is trusted (gunicorn's FORWARDED_ALLOW_IPS may still mark a
    request secure). Set it only when every request passes a proxy that sets the header.
    """
    if not raw.strip():
        return None
    name, _, value = raw.partition(",")
    meta_name = "HTTP_" + name.strip().upper().replace("-", "_")
    if meta_name == "HTTP_":
        raise ImproperlyConfigured(f"SECURE_PROXY_SSL_HEADER needs a header name; got {raw!r}")
    return (meta_name, value.strip() or "https")
