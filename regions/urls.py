from django.urls import path

from regions.views import (
    appointment_requests,
    buyouts,
    index,
    letters,
    lookups,
    seats,
    support,
    texts,
    workspace,
)

app_name = "regions"

urlpatterns = [
    path("", index.region_list, name="region-list"),
    # Fixed paths first: the region code below would match them otherwise.
    path("buyout-report/", buyouts.buyout_report_all, name="buyout-report-all"),
    path("standard-texts/", texts.text_list, name="standard-text-list"),
    path("standard-texts/<slug:key>/", texts.text_edit, name="standard-text-edit"),
    path("my-support/", support.my_support, name="my-support"),
    path("request-missing/", appointment_requests.request_missing, name="request-missing"),
    path("<slug:code>/", workspace.region_detail, name="region-detail"),
    path("<slug:code>/people/", workspace.region_people, name="region-people"),
    path("<slug:code>/appoint/", seats.seat_appoint, name="seat-appoint"),
    path("<slug:code>/seats/<int:pk>/replace/", seats.seat_replace, name="seat-replace"),
    path("<slug:code>/seats/<int:pk>/end/", seats.seat_end, name="seat-end"),
    path("<slug:code>/seats/<int:pk>/backing/", seats.seat_backing, name="seat-backing"),
    path("<slug:code>/requests/", appointment_requests.request_list, name="request-list"),
    path("<slug:code>/requests/new/", appointment_requests.request_create, name="request-create"),
    path(
        "<slug:code>/requests/<int:pk>/",
        appointment_requests.request_detail,
        name="request-detail",
    ),
    path(
        "<slug:code>/requests/<int:pk>/decline/",
        appointment_requests.request_decline,
        name="request-decline",
    ),
    path("<slug:code>/letter/", letters.supplement_edit, name="supplement-edit"),
    path("<slug:code>/letter/versions/", letters.supplement_versions, name="supplement-versions"),
    path("<slug:code>/letter/preview/", letters.letter_preview, name="letter-preview"),
    path(
        "<slug:code>/letter/preview/html/",
        letters.letter_preview_html,
        name="letter-preview-html",
    ),
    path("<slug:code>/support/", support.support_page, name="support"),
    path("<slug:code>/support/contacts/new/", support.contact_create, name="contact-create"),
    path("<slug:code>/support/contacts/<int:pk>/edit/", support.contact_edit, name="contact-edit"),
    path(
        "<slug:code>/support/contacts/<int:pk>/delete/",
        support.contact_delete,
        name="contact-delete",
    ),
    path("<slug:code>/buyouts/", buyouts.buyout_list, name="buyout-list"),
    path("<slug:code>/buyouts/chairs/", buyouts.buyout_chairs, name="buyout-chairs"),
    path("<slug:code>/buyouts/new/", buyouts.buyout_create, name="buyout-create"),
    path("<slug:code>/buyouts/<int:pk>/edit/", buyouts.buyout_edit, name="buyout-edit"),
    path("<slug:code>/buyouts/<int:pk>/decide/", buyouts.buyout_decide, name="buyout-decide"),
    path("<slug:code>/buyouts/report/", buyouts.buyout_report, name="buyout-report"),
    # Search-as-you-type choices on the workspace's forms (rkkp_portal/lookups.py).
    path("<slug:code>/people/lookup/", lookups.person_lookup, name="person-lookup"),
    path("<slug:code>/seats/lookup/", lookups.seat_lookup, name="seat-lookup"),
]
