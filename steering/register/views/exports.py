"""Every list as CSV or XLSX, with the filters of the page it was opened from."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from rkkp_portal import spreadsheets
from steering.access import get_database_for, people_visible_to
from steering.register import exports
from steering.register.views.databases import filtered_databases
from steering.register.views.people import filtered_people


@require_GET
def database_export(request: HttpRequest, fmt: str) -> HttpResponse:
    dataset, _findings = exports.databases(filtered_databases(request).qs)
    return spreadsheets.respond(dataset, fmt, "databases")


@require_GET
def person_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return spreadsheets.respond(exports.people(filtered_people(request).qs), fmt, "people")


@require_GET
def roster_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A group's current roster, in the import's columns."""
    database = get_database_for(request.user, slug)
    # The roster carries e-mail addresses: only those who may list people get it.
    if not request.user.has_perm("steering.list_people"):
        raise PermissionDenied
    # Regional administrators get the people they may see: those employed in their region.
    seats = (
        database.steering_group.memberships.active()
        .filter(person__in=people_visible_to(request.user))
        .select_related("person__employer", "representing_region", "group__database")
        .order_by("role", "person__last_name")
    )
    return spreadsheets.respond(exports.roster(seats), fmt, f"roster-{database.slug}")
