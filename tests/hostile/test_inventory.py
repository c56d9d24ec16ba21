"""Which forms and imports the hostile suite drives, and a test that fails when a form class
appears in the project that no hostile test covers.

Forms (class → the hostile test that posts to it through its view)

=========================================  ===============================================
steering.register.forms.DatabaseForm      test_register_forms: creating/editing a database
steering.register.forms.GroupForm         test_register_forms: a steering group's rules
steering.register.forms.PersonForm           test_register_forms: adding/editing a person
steering.register.forms.SeatFields      test_register_forms (base of AppointForm)
steering.register.forms.AppointForm     test_register_forms: appointing a member
steering.register.forms.MembershipForm  test_register_forms: correcting a seat
steering.register.forms.EndMembership…  test_register_forms: ending a seat
steering.register.forms.ReappointForm   test_register_forms: reappointing a member
steering.meetings.forms.MeetingForm        test_meeting_forms: planning/changing a meeting
steering.meetings.forms.CancelMeetingForm  test_meeting_forms: cancelling a meeting
steering.meetings.forms.ResponseForm       test_meeting_forms: answering an invitation
steering.meetings.forms.PaperForm          test_meeting_forms: uploading a paper
steering.meetings.forms.AttendanceForm     test_meeting_forms: registering attendance
steering.meetings.forms.YearForm           test_query_strings: meeting plan ?year=
steering.meetings.forms.AttendanceYearForm test_query_strings: attendance by year ?year=&order=
steering.succession.views.WillingnessForm  test_succession_forms: will the member continue
steering.selfservice.forms.OwnDetailsForm test_member_forms: changing own details
steering.selfservice.forms.Declaration…   test_member_forms: submitting a declaration
steering.imports.forms.RosterUploadForm    test_roster_import: CSV/XLSX upload and confirm
steering.imports.forms.MappingForm         test_roster_import: the detected mapping, sent on
steering.imports.forms.ConfirmForm         test_roster_import: importing a preview
steering.letters.group_letter_views.Group…  test_group_letter_form: writing to a group
rkkp_portal.search.views.SearchForm        test_query_strings: /search/?q=
rkkp_portal.accounts.signins.filters.Sig…  test_query_strings: the record of sign-ins
steering.register.filters.DatabaseFilter            test_query_strings: database list and export
steering.register.filters.PersonFilter              test_query_strings: people list and export
steering.letters.filters.MessageFilter             test_query_strings: outbox
steering.selfservice.filters.DeclarationFilter     test_query_strings, test_actions: declarations
regions.forms.PersonOrNewForm              test_region_forms (base of Appoint/Replace)
regions.forms.AppointForm                  test_region_forms: appointing in the region
regions.forms.ReplaceForm                  test_region_forms: replacing a member
regions.forms.EndSeatForm                  test_region_forms: ending a regional seat
regions.forms.AppointmentRequestForm       test_region_forms: asking a region to appoint
regions.forms.DeclineForm                  test_region_forms: declining a request
regions.forms.SupplementForm               test_region_forms: the letter supplement
regions.forms.PreviewForm                  test_query_strings: letter preview ?role=&language=
regions.forms.SupportContactForm           test_region_forms: adding/editing a contact
regions.forms.EmployerBackingForm          test_region_forms: recording employer backing
regions.forms.BuyOutForm                   test_region_forms: proposing/changing a buy-out
regions.forms.BuyOutDecisionForm           test_region_forms: deciding on a buy-out
regions.forms.ReportYearForm               test_query_strings: buy-out report ?year=&format=
regions.forms.StandardTextForm             test_region_forms: editing a standard text
regions.filters.AppointmentRequestFilter   test_query_strings: the region's requests
representatives.forms.NominationForm       test_nomination_forms: nominating a leader
representatives.forms.DecisionForm         test_nomination_forms: deciding a nomination
representatives.forms.WithdrawForm         test_nomination_forms: withdrawing a nomination
rkkp_portal.lookups.LookupForm             test_lookup_forms (the outbox filter's form)
=========================================  ===============================================

Posts without a form class: listing consent and the calendar address (test_member_forms),
the roster import's confirmation (test_roster_import), declaration reminders, asking for
missing seats, deleting a support contact and the language switch (test_actions); the
login, password reset, password change and re-authentication pages of allauth
(test_account_forms). Query strings of every list, export and page that reads one, and
hostile tokens in addresses (test_query_strings). The lookup views behind the
search-as-you-type fields, and those forms' search button (test_lookup_forms). Exports:
every CSV and XLSX, for formula injection (test_exports). Imports: the roster upload (CSV
and XLSX) with its preview and confirmation, and the ``import_roster`` command
(test_roster_import). The project registers no django-import-export resources, so the
admin has no import. The inputs that found a server error are replayed one by one in
test_regressions.
"""

import importlib
import inspect
import pkgutil

import django_filters
from django import forms

PACKAGES = ("steering", "regions", "representatives", "rkkp_portal")
SKIPPED = ("migrations", "management", "demo", "tests")

COVERED = {
    "steering.meetings.forms.AttendanceYearForm",
    "steering.succession.views.WillingnessForm",
    "steering.imports.forms.MappingForm",
    "steering.imports.forms.ConfirmForm",
    "steering.letters.group_letter_views.GroupLetterForm",
    "rkkp_portal.search.views.SearchForm",
    "rkkp_portal.accounts.signins.filters.SignInEventFilter",
    "steering.register.forms.DatabaseForm",
    "steering.register.forms.GroupForm",
    "steering.register.forms.PersonForm",
    "steering.register.forms.SeatFields",
    "steering.register.forms.AppointForm",
    "steering.register.forms.MembershipForm",
    "steering.register.forms.EndMembershipForm",
    "steering.register.forms.ReappointForm",
    "steering.meetings.forms.MeetingForm",
    "steering.meetings.forms.CancelMeetingForm",
    "steering.meetings.forms.ResponseForm",
    "steering.meetings.forms.PaperForm",
    "steering.meetings.forms.AttendanceForm",
    "steering.meetings.forms.YearForm",
    "steering.selfservice.forms.OwnDetailsForm",
    "steering.selfservice.forms.DeclarationForm",
    "steering.imports.forms.RosterUploadForm",
    "steering.register.filters.DatabaseFilter",
    "steering.register.filters.PersonFilter",
    "steering.letters.filters.MessageFilter",
    "steering.selfservice.filters.DeclarationFilter",
    "regions.forms.PersonOrNewForm",
    "regions.forms.AppointForm",
    "regions.forms.ReplaceForm",
    "regions.forms.EndSeatForm",
    "regions.forms.AppointmentRequestForm",
    "regions.forms.DeclineForm",
    "regions.forms.SupplementForm",
    "regions.forms.PreviewForm",
    "regions.forms.SupportContactForm",
    "regions.forms.EmployerBackingForm",
    "regions.forms.BuyOutForm",
    "regions.forms.BuyOutDecisionForm",
    "regions.forms.ReportYearForm",
    "regions.forms.StandardTextForm",
    "regions.filters.AppointmentRequestFilter",
    "representatives.forms.NominationForm",
    "representatives.forms.DecisionForm",
    "representatives.forms.WithdrawForm",
    "rkkp_portal.lookups.LookupForm",
}


def project_modules():
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if any(part in SKIPPED for part in info.name.split(".")):
                continue
            yield importlib.import_module(info.name)


def project_form_classes() -> set[str]:
    """Every Form, ModelForm and FilterSet class defined in the project's own modules."""
    found = set()
    for module in project_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, (forms.BaseForm, django_filters.FilterSet)):
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found


def test_every_form_of_the_project_is_driven_with_hostile_input():
    uncovered = project_form_classes() - COVERED
    assert not uncovered, (
        f"Forms without a hostile test: {sorted(uncovered)}. Add a test in tests/hostile/ "
        "and the class to COVERED."
    )


def test_the_covered_list_names_no_form_that_is_gone():
    assert not COVERED - project_form_classes()


def test_the_admin_offers_no_spreadsheet_import():
    """django-import-export is gone (tests/deployment/test_dependencies.py); if an import
    comes back to the admin, it needs a hostile test like the roster import's."""
    from django.conf import settings

    assert not any(app.startswith("import_export") for app in settings.INSTALLED_APPS)
