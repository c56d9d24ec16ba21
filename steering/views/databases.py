from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regions.models import Region
from steering import compliance_cache, history
from steering.access import databases_visible_to, get_database_for
from steering.filters import DatabaseFilter
from steering.forms import add_service_errors
from steering.forms.databases import DatabaseForm, GroupForm
from steering.models import ClinicalDatabase, Membership, SteeringGroup
from steering.models.memberships import Role
from steering.services import create_database, update_database, update_group
from steering.views.paging import paginate


def filtered_databases(request: HttpRequest) -> DatabaseFilter:
    """The list as filtered by the request; the page and its exports share it."""
    active_seats = (
        Membership.objects.filter(group__database=OuterRef("pk"), status=Membership.Status.ACTIVE)
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


def _address_of(viewname: str, kwarg: str, placeholder: str) -> Callable[[object], str]:
    """The address of ``viewname`` for any value of its one argument, reversed once for a
    whole list: the values (slugs, numbers) need no quoting, so only they differ."""
    head, tail = reverse(viewname, kwargs={kwarg: placeholder}).rsplit(placeholder, 1)
    return lambda value: f"{head}{value}{tail}"


def _with_labels(databases: list[ClinicalDatabase]) -> list[ClinicalDatabase]:
    """The page's rows with their address and choice labels (``url``, ``umbrella_label``,
    ``status_label``), found once for the page instead of once per row and column."""
    address = _address_of("steering:database-detail", "slug", "_")
    umbrellas = dict(ClinicalDatabase.Umbrella.choices)
    statuses = dict(ClinicalDatabase.Status.choices)
    for database in databases:
        database.url = address(database.slug)
        database.umbrella_label = umbrellas.get(database.umbrella, database.umbrella)
        database.status_label = statuses.get(database.status, database.status)
    return databases


def _read_regions_once(form) -> None:
    """Both region filters offer the same five regions: read them once, as a plain list.
    A model choice field would read its queryset for each select, through a server-side
    cursor; only the options shown change, a chosen region is still checked against it."""
    regions = [(region.pk, str(region)) for region in Region.objects.all()]
    for name in ("represented", "missing"):
        field = form.fields[name]
        blank = [] if field.empty_label is None else [("", field.empty_label)]
        field.widget.choices = [*blank, *regions]


@require_GET
def database_list(request: HttpRequest) -> HttpResponse:
    filterset = filtered_databases(request)
    _read_regions_once(filterset.form)
    # The export's related rows are not shown here.
    page, query = paginate(request, filterset.qs.select_related(None))
    return render(
        request,
        "steering/database_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "databases": _with_labels(list(page)),
            "query_without_page": query,
            "can_manage": request.user.has_perm("steering.manage_register"),
        },
    )


@require_GET
def database_detail(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_database_for(request.user, slug)
    group = database.steering_group
    seats = list(
        group.memberships.active()
        .select_related("person__employer", "representing_region")
        .order_by("role", "person__last_name")
    )
    can_manage = request.user.has_perm("steering.manage_group", group)
    if can_manage:
        address = _address_of("steering:membership-detail", "pk", "0")
        for seat in seats:
            seat.url = address(seat.pk)
    by_role = [(label, [s for s in seats if s.role == value]) for value, label in Role.choices]
    represented = {s.representing_region_id for s in seats}
    return render(
        request,
        "steering/database_detail.html",
        {
            "database": database,
            "group": group,
            "seats_by_role": [(label, items) for label, items in by_role if items],
            "findings": compliance_cache.findings_for_groups([group])[group.pk],
            "coverage": [(r, r.pk in represented) for r in Region.objects.all()],
            "meetings": list(group.meetings.filter(starts_at__year=timezone.localdate().year)),
            "changes": _changes(database, group) if can_manage else [],
            "can_manage": can_manage,
            "today": timezone.localdate(),
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
