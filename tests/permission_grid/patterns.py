"""Every URL pattern the resolver knows, keyed the way the grid's rows are keyed."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                # Unnamed patterns (the admin's object redirects and catch-all) by route.
                yield route, route


def url_patterns() -> dict[str, str]:
    """key → route for every pattern; a key seen twice would hide a pattern, so it fails."""
    found: dict[str, str] = {}
    for key, route in _walk(get_resolver().url_patterns):
        assert key not in found, f"two URL patterns share the key {key!r}"
        found[key] = route
    return found
