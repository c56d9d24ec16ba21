import datetime
from dataclasses import dataclass

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
from rkkp_portal.addresses import address_for
from rkkp_portal.forms import add_service_errors
from rkkp_portal.labels import bilingual
from rkkp_portal.paging import paginate
from steering import history
from steering.access import DATABASE_PEOPLE, databases_visible_to, get_database_for
from steering.compliance import register as compliance_cache
from steering.models import ClinicalDatabase, Meeting, Membership, SteeringGroup
from steering.models.memberships import Role, is_holdover
from steering.models.people import full_name
from steering.register.filters import DatabaseFilter
from steering.register.forms import DatabaseForm, GroupForm
from steering.register.services.databases import create_database, update_database, update_group


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


@dataclass(frozen=True)
class DatabaseRow:
    """A database as the list shows it."""

    url: str
    name: str
    acronym: str
    umbrella_label: str
    disease_area: str
    status_label: str
    seat_count: int


ROW_COLUMNS = ("slug", "name", "acronym", "umbrella", "disease_area", "status", "seat_count")


def _rows(page) -> list[DatabaseRow]:
    """The page's rows with their address and choice labels, found once for the page
    instead of once per row and column."""
    address = address_for("steering:database-detail", key="slug")
    umbrellas = dict(ClinicalDatabase.Umbrella.choices)
    statuses = dict(ClinicalDatabase.Status.choices)
    return [
        DatabaseRow(
            address(slug),
            name,
            acronym,
            umbrellas.get(umbrella, umbrella),
            disease_area,
            statuses.get(status, status),
            seat_count,
        )
        for slug, name, acronym, umbrella, disease_area, status, seat_count in page
    ]


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
    # Only the columns shown: the export's related rows are not.
    rows = filterset.qs.select_related(None).values_list(*ROW_COLUMNS)
    page, query = paginate(request, rows)
    context = {
        "filter": filterset,
        "page_obj": page,
        "databases": _rows(page),
        "query_without_page": query,
        "can_manage": request.user.has_perm("steering.manage_register"),
    }

    return render(request, "steering/database_list.html", context)


@dataclass(frozen=True)
class RosterSeat:
    """An active seat as the database page lists it."""

    role: str
    url: str  # the seat's page, for those who may manage the group; otherwise ""
    name: str
    title: str
    workplace: str
    region_id: int | None
    region_name: str
    term_start: datetime.date
    term_end: datetime.date | None
    term_label: str
    holdover: bool  # past its planned term


def _roster(group: SteeringGroup, today: datetime.date, can_manage: bool) -> list[RosterSeat]:
    """The group's active seats by role and surname, read as plain rows."""
    rows = (
        group.memberships.active()
        .order_by("role", "person__last_name")
        .values_list(
            "pk",
            "role",
            "person__first_name",
            "person__last_name",
            "person__title",
            "person__employer__name",
            "representing_region_id",
            "representing_region__name_da",
            "representing_region__name_en",
            "term_start",
            "term_end",
            "term_number",
        )
    )
    address = address_for("steering:membership-detail") if can_manage else None
    return [
        RosterSeat(
            role=role,
            url=address(pk) if address else "",
            name=full_name(first, last),
            title=title,
            workplace=employer or "",
            region_id=region_id,
            region_name=bilingual(region_da, region_en),
            term_start=start,
            term_end=end,
            term_label=_("term %(n)s") % {"n": number},
            holdover=is_holdover(Membership.Status.ACTIVE, end, today),  # active seats only
        )
        for (
            pk,
            role,
            first,
            last,
            title,
            employer,
            region_id,
            region_da,
            region_en,
            start,
            end,
            number,
        ) in rows
    ]


@dataclass(frozen=True)
class MeetingRow:
    url: str
    starts_at: datetime.datetime
    kind_label: str
    place: str
    status_label: str


def _meetings_this_year(group: SteeringGroup, year: int) -> list[MeetingRow]:
    rows = group.meetings.filter(starts_at__year=year).values_list(
        "pk", "starts_at", "kind", "place", "status"
    )
    address = address_for("steering:meeting-detail")
    kinds, statuses = dict(Meeting.Kind.choices), dict(Meeting.Status.choices)
    return [
        MeetingRow(address(pk), starts_at, kinds.get(kind, kind), place, statuses.get(s, s))
        for pk, starts_at, kind, place, s in rows
    ]


@require_GET
def database_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The heading needs the database's name; its people are read only for the content.
    database = get_database_for(request.user, slug, with_people=False)

    shown = (ClinicalDatabase.objects.select_related("steering_group", *DATABASE_PEOPLE)).get(
        pk=database.pk
    )
    group = shown.steering_group
    today = timezone.localdate()
    can_manage = request.user.has_perm("steering.manage_group", group)
    seats = _roster(group, today, can_manage)
    by_role = [(label, [s for s in seats if s.role == value]) for value, label in Role.choices]
    represented = {seat.region_id for seat in seats}
    context = {
        "database": shown,
        "group": group,
        "seats_by_role": [(label, items) for label, items in by_role if items],
        "findings": compliance_cache.findings_for_groups([group])[group.pk],
        "coverage": [(r, r.pk in represented) for r in Region.objects.all()],
        "meetings": _meetings_this_year(group, today.year),
        "changes": _changes(shown, group) if can_manage else [],
        "can_manage": can_manage,
    }

    return render(
        request,
        "steering/database_detail.html",
        {"database": database, **context},
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
