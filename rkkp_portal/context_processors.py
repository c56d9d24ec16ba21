from django.conf import settings


def portal(request) -> dict:
    """The viewer's roles for the header and navigation (one query, cached on the user)."""
    user = getattr(request, "user", None)
    roles = user.roles if user is not None and user.is_authenticated else None
    return {
        "roles": roles,
        "admin_region_code": roles.admin_region_code if roles else None,
        "SITE_URL": settings.SITE_URL,
    }
