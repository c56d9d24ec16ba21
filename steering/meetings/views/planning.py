"""The secretariat's meeting pages: plan, change, cancel, register attendance, the year
plan and the attendance statistics."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rkkp_portal.forms import add_service_errors
from rkkp_portal.paging import paginate
from rkkp_portal.spreadsheets import csv_writer, spreadsheet_text
from steering.access import get_group_for
from steering.compliance import checks as compliance
from steering.meetings import attendance, planning
from steering.meetings.access import get_meeting_for
from steering.meetings.forms import AttendanceForm, CancelMeetingForm, MeetingForm, YearForm
from steering.meetings.services import (
    cancel_meeting,
    change_meeting,
    register_attendance,
    schedule_meeting,
)


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


# The plan lists this many of the groups short of full-day meetings (in a year nobody has
# planned yet, that is every group) and says how many there are in all; the composition
# page lists them all. A summary: each row cost as much to render as a meeting's.
SHORT_GROUPS_SHOWN = 10
# The month's meetings a page: the plan shows the short groups and the clashes above them,
# and the whole page stays within three screens at 1366 × 768 (tests/browser/checks.py).
PLAN_MEETINGS_PER_PAGE = 15


@require_GET
def meeting_plan(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.view_meeting_plan"):
        raise PermissionDenied
    year, month = _period(request)

    page, query = paginate(
        request, planning.meetings_in_month(year, month), per_page=PLAN_MEETINGS_PER_PAGE
    )
    # The first groups with the count of all of them, in one query (a window count).
    short_groups = list(
        planning.groups_short_of_full_day_meetings(year).annotate(total=Window(Count("pk")))[
            :SHORT_GROUPS_SHOWN
        ]
    )
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return render(
        request,
        "meetings/meeting_plan.html",
        {
            "year": year,
            "month": datetime.date(year, month, 1),
            "previous": _month_link(*previous),
            "next": _month_link(*following),
            "months_of_year": [_month_link(year, m) for m in range(1, 13)],
            "page_obj": page,
            "query_without_page": query,
            "short_groups": short_groups,
            "short_group_count": short_groups[0].total if short_groups else 0,
            # The composition page's rule counts this year's full-day meetings.
            "all_short_groups_url": (
                f"{reverse('steering:compliance')}?rule={compliance.Rule.FULL_DAY_MEETINGS}"
                if year == timezone.localdate().year
                else None
            ),
            "clashes": planning.clashes(year, month),
        },
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
    page, query = paginate(request, rows)
    page.object_list = attendance.with_rates(page.object_list)
    return render(
        request,
        "meetings/attendance_statistics.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "view": view,
            "views": attendance.VIEWS.items(),
            "window_start": attendance.window_start(timezone.localdate()),
        },
    )


def _csv(view: str, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{view}.csv"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv_writer(response)
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
            _("Recorded"),
            _("Attendance (%)"),
        ]
    )
    for row in rows:
        rate = attendance.rate(row)
        writer.writerow(
            [
                spreadsheet_text(row["label"]),
                spreadsheet_text(row["detail"]),
                row["invited"],
                row["present"],
                row["remote"],
                row["apologies"],
                row["absent"],
                row["unregistered"],
                row["registered"],
                "" if rate is None else rate,
            ]
        )
    return response
