import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions.models import Region
from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate
from steering import history
from steering.access import databases_visible_to, get_database_for
from steering.compliance import checks
from steering.models import ClinicalDatabase, Membership, SteeringGroup
from steering.models.memberships import Role
from steering.register.filters import DatabaseFilter
from steering.register.forms import DatabaseForm, GroupForm
from steering.register.services.databases import create_database, update_database, update_group


def filtered_databases(request: HttpRequest) -> DatabaseFilter:
    """The list as filtered by the request; the page and its exports share it."""
    # Seats in office: a seat appointed from a later date counts from its start.
    active_seats = (
        Membership.objects.in_office()
        .filter(group__database=OuterRef("pk"))
        .order_by()
        .values("group__database")
        .annotate(n=Count("pk"))
        .values("n")
    )
    databases = (
        databases_visible_to(request.user)
        .select_related("steering_group", "contact_person")
        # A correlated subquery, not a JOIN and GROUP BY: the paginator's COUNT(*) then
        # counts databases without grouping every seat, and only the page's 50 rows are
        # counted seat by seat.
        .annotate(seat_count=Coalesce(Subquery(active_seats), 0))
    )
    return DatabaseFilter(request.GET, queryset=databases.order_by("name"))


@require_GET
def database_list(request: HttpRequest) -> HttpResponse:
    filterset = filtered_databases(request)
    # What the table shows; the export reads the group and the contact person too.
    databases = filterset.qs.select_related(None).only(
        "slug", "name", "acronym", "umbrella", "disease_area", "status"
    )
    page, query = paginate(request, databases)
    return render(
        request,
        "steering/database_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "query_without_page": query,
            "can_manage": request.user.has_perm("steering.manage_register"),
        },
    )


@require_GET
def database_detail(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug)
    group = database.steering_group
    can_manage = request.user.has_perm("steering.manage_group", group)
    today = timezone.localdate()

    seats = list(
        group.memberships.active()
        .select_related("person__employer", "representing_region")
        # What the roster shows of each seat (and its group, which the related manager
        # checks each row against).
        .only(
            "group",
            "role",
            "status",
            "term_start",
            "term_end",
            "term_number",
            "representing_region__name_da",
            "representing_region__name_en",
            "person__first_name",
            "person__last_name",
            "person__title",
            "person__employer__name",
        )
        .order_by("role", "person__last_name")
    )
    # A seat counts from its start; one appointed from a later date says from when.
    represented = {seat.representing_region_id for seat in seats if seat.has_started(today)}
    arriving: dict[int, datetime.date] = {}
    for seat in sorted(seats, key=lambda seat: seat.term_start):
        if not seat.has_started(today):
            arriving.setdefault(seat.representing_region_id, seat.term_start)
    by_role = [(label, [s for s in seats if s.role == value]) for value, label in Role.choices]
    regions = list(Region.objects.all())
    return render(
        request,
        "steering/database_detail.html",
        {
            "database": database,
            "group": group,
            "seats_by_role": [(label, items) for label, items in by_role if items],
            "findings": checks.findings_for_groups([group], today, regions)[group.pk],
            "coverage": [
                (region, region.pk in represented, arriving.get(region.pk)) for region in regions
            ],
            "meetings": group.meetings.filter(starts_at__year=today.year)
            .only("group", "starts_at", "kind", "place", "status")
            .order_by("starts_at"),
            "changes": _changes(database, group) if can_manage else [],
            "can_manage": can_manage,
            "can_write": can_manage or request.user.has_perm("steering.write_to_group", group),
        },
    )


def _changes(database: ClinicalDatabase, group: SteeringGroup) -> list[history.Change]:
    """The database's and its group's own history, newest first."""
    # The people and the database the rows name are mostly the ones already loaded.
    known = [database, database.contact_person, database.epidemiologist, database.data_manager]
    database_changes = history.changes_for(
        ClinicalDatabase.history.filter(id=database.pk),
        subject=lambda record: _("Database"),
        known=known,
    )
    group_changes = history.changes_for(
        SteeringGroup.history.filter(id=group.pk),
        subject=lambda record: _("Steering group"),
        known=known,
    )
    return sorted(database_changes + group_changes, key=lambda c: c.when, reverse=True)


@require_http_methods(["GET", "POST"])
def database_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied
    form = DatabaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            database = create_database(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The database %s was created.") % database.name)
            return redirect(database)
    return render(request, "steering/database_form.html", {"form": form, "database": None})


@require_http_methods(["GET", "POST"])
def database_edit(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug, "steering.manage_group")
    form = DatabaseForm(request.POST or None, instance=database)
    if request.method == "POST" and form.is_valid():
        try:
            database = update_database(actor=request.user, database=database, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The database was saved."))
            return redirect(database)
    return render(request, "steering/database_form.html", {"form": form, "database": database})


@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug, "steering.manage_group")
    form = GroupForm(request.POST or None, instance=database.steering_group)
    if request.method == "POST" and form.is_valid():
        try:
            update_group(actor=request.user, group=database.steering_group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The steering group's rules were saved."))
            return redirect(database)
    return render(request, "steering/group_form.html", {"form": form, "database": database})
