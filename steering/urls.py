from django.urls import path, re_path

from steering.compliance import views as compliance
from steering.imports import views as imports
from steering.letters import group_letter_views
from steering.letters import views as letters
from steering.meetings.views import attendance as meeting_attendance
from steering.meetings.views import calendar as calendar_views
from steering.meetings.views import detail as meetings
from steering.meetings.views import planning as meeting_planning
from steering.privacy import views as privacy
from steering.register.views import databases, exports, lookups, memberships, people, public
from steering.selfservice.views import declarations
from steering.succession import views as succession

app_name = "steering"

urlpatterns = [
    path("databases/", databases.database_list, name="database-list"),
    path("databases/new/", databases.database_create, name="database-create"),
    re_path(r"^databases\.(?P<fmt>csv|xlsx)$", exports.database_export, name="database-export"),
    path("databases/<slug:slug>/", databases.database_detail, name="database-detail"),
    path("databases/<slug:slug>/forecast/", compliance.group_forecast, name="database-forecast"),
    path("databases/<slug:slug>/edit/", databases.database_edit, name="database-edit"),
    path("databases/<slug:slug>/group/", databases.group_edit, name="group-edit"),
    path("databases/<slug:slug>/appoint/", memberships.appoint, name="appoint"),
    path("databases/<slug:slug>/letters/", group_letter_views.group_letters, name="group-letters"),
    path(
        "databases/<slug:slug>/letters/new/", group_letter_views.group_letter, name="group-letter"
    ),
    re_path(
        r"^databases/(?P<slug>[-\w]+)/roster\.(?P<fmt>csv|xlsx)$",
        exports.roster_export,
        name="roster-export",
    ),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    re_path(r"^people\.(?P<fmt>csv|xlsx)$", exports.person_export, name="person-export"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    # Everything held about a person (#10), for the secretariat.
    re_path(
        r"^people/(?P<pk>\d+)/personal-data\.(?P<fmt>json|csv)$",
        privacy.person_data_export,
        name="person-data-export",
    ),
    path("memberships/<int:pk>/", memberships.membership_detail, name="membership-detail"),
    path("memberships/<int:pk>/edit/", memberships.membership_edit, name="membership-edit"),
    path("memberships/<int:pk>/end/", memberships.membership_end, name="membership-end"),
    path(
        "memberships/<int:pk>/reappoint/",
        memberships.membership_reappoint,
        name="membership-reappoint",
    ),
    path("compliance/", compliance.compliance_dashboard, name="compliance"),
    path(
        "compliance/representation/",
        compliance.representation,
        name="compliance-representation",
    ),
    path("compliance/forecast/", compliance.forecast_timeline, name="compliance-forecast"),
    path("declarations/", declarations.declaration_overview, name="declaration-overview"),
    path("declarations/remind/", declarations.declaration_remind, name="declaration-remind"),
    re_path(
        r"^compliance\.(?P<fmt>csv|xlsx)$", compliance.compliance_export, name="compliance-export"
    ),
    path("roster-import/", imports.roster_import, name="roster-import"),
    path("roster-import/mapping/", imports.roster_import_mapping, name="roster-import-mapping"),
    path("roster-import/<int:pk>/", imports.roster_preview, name="roster-preview"),
    path(
        "roster-import/<int:pk>/confirm/",
        imports.roster_import_confirm,
        name="roster-import-confirm",
    ),
    path("roster-import/result/<int:pk>/", imports.roster_result, name="roster-result"),
    path("roster-import/sample.csv", imports.roster_sample, name="roster-import-sample"),
    path("outbox/", letters.message_list, name="message-list"),
    path("outbox/bounced/", letters.message_bounces, name="message-bounces"),
    path("outbox/<int:pk>/", letters.message_detail, name="message-detail"),
    path("outbox/<int:pk>/retry/", letters.message_retry, name="message-retry"),
    path(
        "memberships/<int:pk>/welcome-letter/",
        letters.welcome_letter,
        name="welcome-letter",
    ),
    # Meetings (#6); /meetings/<id>/ and /me/calendar/<token>.ics are stable addresses.
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/answer/", meetings.meeting_respond, name="meeting-respond"),
    path("meetings/<int:pk>/papers/", meetings.paper_upload, name="meeting-paper-upload"),
    path(
        "meetings/<int:pk>/papers/<int:paper_pk>/",
        meetings.paper_download,
        name="meeting-paper",
    ),
    path("meetings/<int:pk>/calendar.ics", meetings.meeting_ics, name="meeting-ics"),
    path("meetings/<int:pk>/change/", meeting_planning.meeting_change, name="meeting-change"),
    path("meetings/<int:pk>/cancel/", meeting_planning.meeting_cancel, name="meeting-cancel"),
    path(
        "meetings/<int:pk>/attendance/",
        meeting_planning.meeting_attendance,
        name="meeting-attendance",
    ),
    path(
        "groups/<int:group_pk>/meetings/new/",
        meeting_planning.meeting_schedule,
        name="meeting-schedule",
    ),
    path("meetings/plan/", meeting_planning.meeting_plan, name="meeting-plan"),
    path(
        "meetings/attendance/",
        meeting_planning.attendance_statistics,
        name="attendance-statistics",
    ),
    path(
        "meetings/attendance/year/",
        meeting_attendance.attendance_by_year,
        name="attendance-year",
    ),
    path("meetings/answer/<str:token>/", meetings.rsvp_answer, name="rsvp"),
    path("succession/", succession.succession_list, name="succession-list"),
    path(
        "succession/<int:pk>/reappoint/",
        succession.succession_reappoint,
        name="succession-reappoint",
    ),
    path(
        "succession/<int:pk>/cancel/",
        succession.succession_cancel,
        name="succession-cancel",
    ),
    path("succession/answer/<str:token>/", succession.succession_answer, name="succession-answer"),
    path("me/calendar/", calendar_views.calendar_settings, name="calendar-settings"),
    path("me/calendar/<str:token>.ics", calendar_views.personal_feed, name="calendar-feed"),
    path(
        "me/calendar/<str:token>/groups/<int:group_pk>.ics",
        calendar_views.group_feed,
        name="calendar-group-feed",
    ),
    path("public/", public.public_roster, name="public-roster"),
    # Search-as-you-type choices on the register's and other forms (rkkp_portal/lookups.py).
    path("people/lookup/", lookups.person_lookup, name="person-lookup"),
    path("workplaces/lookup/", lookups.workplace_lookup, name="workplace-lookup"),
    path("groups/lookup/", lookups.group_lookup, name="group-lookup"),
    path("outbox/groups/lookup/", lookups.message_group_lookup, name="message-group-lookup"),
    path("public/databases/<slug:slug>/", public.public_database, name="public-database"),
]
