"""A digest of the running release: what a value kept across processes and deploys (a
rendered page, the compliance register) must be told apart by, so a deploy never serves
what the previous code, templates or translations produced."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCES = ("rkkp_portal", "steering", "regions", "representatives", "templates")
SUFFIXES = {".py", ".html", ".txt", ".mo", ".json"}


@cache
def digest() -> str:
    """A digest of everything that shapes rendered HTML: the code, the templates, the
    compiled translations and the static files' manifest (their hashed names)."""
    hasher = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    paths = [
        path
        for source in SOURCES
        for path in (base / source).rglob("*")
        if path.suffix in SUFFIXES and path.is_file()
    ]
    paths += sorted((base / "locale").rglob("*.mo"))
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        paths.append(manifest)
    for path in sorted(paths):
        hasher.update(str(path.relative_to(base)).encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]
