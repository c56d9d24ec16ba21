"""The secretariat's meeting pages: plan, change, cancel, register attendance, the year
plan and the attendance statistics."""

import csv
import datetime
from typing import TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.addresses import address_for
from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate
from rkkp_portal.spreadsheets import spreadsheet_text
from steering.access import get_group_for
from steering.compliance import checks as compliance
from steering.meetings import attendance, planning
from steering.meetings.access import get_meeting_for
from steering.meetings.calendar import COPENHAGEN
from steering.meetings.forms import AttendanceForm, CancelMeetingForm, MeetingForm, YearForm
from steering.meetings.services import (
    cancel_meeting,
    change_meeting,
    register_attendance,
    schedule_meeting,
)
from steering.models import Meeting


@require_http_methods(["GET", "POST"])
def meeting_schedule(request: HttpRequest, group_pk: int) -> HttpResponse:
    group = get_group_for(request.user, group_pk, "steering.manage_group")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = schedule_meeting(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The meeting is planned and the invitations are on their way.")
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "group": group, "database": group.database, "meeting": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_change(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk, "steering.manage_group")
    form = MeetingForm.for_meeting(meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = change_meeting(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved; invitees are told of any change."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "group": meeting.group,
            "database": meeting.group.database,
            "meeting": meeting,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk, "steering.manage_group")
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_meeting(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is cancelled and the invitees are told."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"form": form, "meeting": meeting, "database": meeting.group.database},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk, "steering.manage_group")
    invitations = list(
        meeting.invitations.select_related("person").order_by(
            "person__last_name", "person__first_name"
        )
    )
    form = AttendanceForm(request.POST or None, invitations=invitations)
    if request.method == "POST" and form.is_valid():
        try:
            register_attendance(actor=request.user, meeting=meeting, attendance=form.attendance())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance is registered."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_attendance.html",
        {"form": form, "meeting": meeting, "database": meeting.group.database},
        status=400 if form.errors else 200,
    )


def _period(request: HttpRequest) -> tuple[int, int]:
    """The (year, month) asked for: this month by default, January for another year alone;
    anything invalid falls back to the default."""
    today = timezone.localdate()
    form = YearForm(request.GET)
    if not form.is_valid():
        return today.year, today.month
    year = form.cleaned_data["year"] or today.year
    month = form.cleaned_data["month"]
    if month is None:
        month = today.month if year == today.year else 1
    return year, month


def _month_link(year: int, month: int) -> dict:
    return {"year": year, "month": month, "date": datetime.date(year, month, 1)}


class MeetingRow(TypedDict):
    pk: int
    when: str  # Danish time, as the date filter's "j. F, H:i" writes it
    url: str
    group: str
    kind: str
    status: str


def _meeting_rows(meetings) -> list[MeetingRow]:
    """A page of meetings as the plan's rows: plain values, addresses and month names
    looked up once. Rows are dicts (TypedDict), which the template engine reads on its
    first try."""
    url = address_for("steering:meeting-detail")
    kinds = {value: str(label) for value, label in Meeting.Kind.choices}
    statuses = {value: str(label) for value, label in Meeting.Status.choices}
    months = {number: str(name) for number, name in MONTHS.items()}
    rows = []
    for pk, starts_at, group, kind, status in meetings.values_list(
        "pk", "starts_at", "group__database__name", "kind", "status"
    ):
        local = timezone.localtime(starts_at, COPENHAGEN)
        rows.append(
            MeetingRow(
                pk=pk,
                when=f"{local.day}. {months[local.month]}, {local:%H:%M}",
                url=url(pk),
                group=group,
                kind=kinds.get(kind, kind),
                status=statuses.get(status, status),
            )
        )
    return rows


class ClashMeeting(TypedDict):
    url: str
    group: str
    time: str  # "H:i", in the current time zone as the time filter writes it


class ClashRow(TypedDict):
    person: str
    day: datetime.date
    meetings: list[ClashMeeting]


def _clash_rows(clashes: list[planning.Clash]) -> list[ClashRow]:
    """The clashes as plain rows with their addresses built once."""
    url = address_for("steering:meeting-detail")
    return [
        ClashRow(
            person=clash.person.full_name,
            day=clash.day,
            meetings=[
                ClashMeeting(
                    url=url(meeting.pk),
                    group=meeting.group.database.name,
                    time=f"{timezone.localtime(meeting.starts_at):%H:%M}",
                )
                for meeting in clash.meetings
            ],
        )
        for clash in clashes
    ]


class ShortGroupRow(TypedDict):
    url: str
    name: str
    full_days: int
    required: int
    summary: str  # "1 of 2 full-day meetings"


# The plan lists this many of the groups short of full-day meetings (in a year nobody has
# planned yet, that is every group) and says how many there are in all.
SHORT_GROUPS_SHOWN = 25


def _short_group_rows(short_groups) -> list[ShortGroupRow]:
    url = address_for("steering:database-detail", "slug")
    summary = _("%(planned)s of %(required)s full-day meetings")
    return [
        ShortGroupRow(
            url=url(slug),
            name=name,
            full_days=full_days,
            required=required,
            summary=summary % {"planned": full_days, "required": required},
        )
        for name, slug, full_days, required in short_groups.values_list(
            "database__name", "database__slug", "full_days", "full_day_meetings_per_year"
        )[:SHORT_GROUPS_SHOWN]
    ]


@require_GET
def meeting_plan(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.view_meeting_plan"):
        raise PermissionDenied
    year, month = _period(request)

    page, query = paginate(request, planning.meetings_in_month(year, month))
    page.object_list = _meeting_rows(page.object_list)
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    short_groups = planning.groups_short_of_full_day_meetings(year)
    context = {
        "year": year,
        "previous": _month_link(*previous),
        "next": _month_link(*following),
        "months_of_year": [_month_link(year, m) for m in range(1, 13)],
        "page_obj": page,
        "query_without_page": query,
        "short_groups": _short_group_rows(short_groups),
        "short_group_count": short_groups.count(),
        # The composition page's rule counts this year's full-day meetings.
        "all_short_groups_url": (
            f"{reverse('steering:compliance')}?rule={compliance.Rule.FULL_DAY_MEETINGS}"
            if year == timezone.localdate().year
            else None
        ),
        "clashes": _clash_rows(planning.clashes(year, month)),
    }

    return render(
        request,
        "meetings/meeting_plan.html",
        {"month": datetime.date(year, month, 1), **context},
    )


@require_GET
def attendance_statistics(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.view_attendance_statistics"):
        raise PermissionDenied
    view = request.GET.get("by", "member")
    if view not in attendance.VIEWS:
        view = "member"
    rows = attendance.statistics(view)
    if request.GET.get("format") == "csv":
        return _csv(view, rows)
    return render(
        request,
        "meetings/attendance_statistics.html",
        {
            "rows": rows,
            "view": view,
            "views": attendance.VIEWS.items(),
            "window_start": attendance.window_start(timezone.localdate()),
        },
    )


def _csv(view: str, rows: list[attendance.Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{view}.csv"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Details"),
            _("Invitations"),
            _("Present"),
            _("Attended online"),
            _("Sent apologies"),
            _("Absent"),
            _("Not registered"),
            _("Attendance (%)"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _csv_safe(row.label),
                _csv_safe(row.detail),
                row.invited,
                row.present,
                row.remote,
                row.apologies,
                row.absent,
                row.unregistered,
                "" if row.rate is None else row.rate,
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas in user-written text (CSV injection)."""
    return spreadsheet_text(value)
