"""Appointing, correcting, ending and re-appointing seats from the secretariat's pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from steering.models import Membership, Person
from steering.register.services.memberships import edit_membership
from steering.succession.reappointing import carry_out_renewals
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # messages in their msgid language
    return client


def _appoint_url(group):
    return reverse("steering:appoint", args=[group.database.slug])


SEAT = {"role": "member", "term_start": "2025-01-01", "term_end": "", "term_number": "1"}


def test_it_appoints_a_new_person_in_one_form(as_secretariat, group, hovedstaden):
    response = as_secretariat.post(
        _appoint_url(group),
        SEAT
        | {
            "representing_region": hovedstaden.pk,
            "new_first_name": "Ida",
            "new_last_name": "Holm",
            "new_email": "Ida.Holm@Hospital.example",
            "new_leadership_level": "none",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person__email="ida.holm@hospital.example")
    assert seat.group == group and seat.status == Membership.Status.ACTIVE
    assert seat.term_end == datetime.date(2028, 12, 31)  # four years by default
    assert seat.history.get().history_user is not None


def test_it_appoints_an_existing_person(as_secretariat, group, hovedstaden):
    person = factories.PersonFactory()
    response = as_secretariat.post(
        _appoint_url(group),
        SEAT | {"person": person.pk, "role": "patient", "term_end": "2026-12-31"},
    )
    assert response.status_code == 302
    assert person.memberships.get().role == "patient"


def test_a_new_persons_bad_email_is_shown_and_nothing_is_written(as_secretariat, group):
    people = Person.objects.count()
    response = as_secretariat.post(
        _appoint_url(group),
        SEAT | {"role": "chair", "new_first_name": "A", "new_last_name": "B", "new_email": "no@"},
    )
    assert response.status_code == 200
    assert "new_email" in response.context["form"].errors
    assert Person.objects.count() == people


def test_a_seat_that_fails_leaves_no_new_person_behind(as_secretariat, group):
    """The person is registered and appointed in one transaction."""
    people = Person.objects.count()
    response = as_secretariat.post(
        _appoint_url(group),
        SEAT | {"new_first_name": "Ida", "new_last_name": "Holm", "new_email": "i@h.example"},
    )  # a regional member without a region
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "A regional member must represent a region." in str(errors)
    assert Person.objects.count() == people


def test_it_refuses_a_second_current_seat_in_the_same_group(as_secretariat, member_seat):
    response = as_secretariat.post(
        _appoint_url(member_seat.group),
        SEAT | {"person": member_seat.person.pk, "role": "chair"},
    )
    assert response.status_code == 200
    assert "already has a seat in this steering group" in str(response.context["form"].errors)
    assert member_seat.person.memberships.count() == 1


def test_it_refuses_a_term_that_ends_before_it_starts(as_secretariat, group):
    person = factories.PersonFactory()
    response = as_secretariat.post(
        _appoint_url(group),
        SEAT | {"person": person.pk, "role": "chair", "term_end": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "The term must end after it starts." in str(response.context["form"].errors)
    assert not person.memberships.exists()


def test_it_asks_for_either_an_existing_or_a_new_person(as_secretariat, group):
    person = factories.PersonFactory()
    neither = as_secretariat.post(_appoint_url(group), SEAT | {"role": "chair"})
    both = as_secretariat.post(
        _appoint_url(group),
        SEAT | {"role": "chair", "person": person.pk, "new_first_name": "X", "new_last_name": "Y"},
    )
    assert neither.context["form"].non_field_errors()
    assert both.context["form"].non_field_errors()
    assert not Membership.objects.filter(group=group).exists()


def test_ending_a_seat_needs_a_reason_and_keeps_the_row(as_secretariat, member_seat):
    url = reverse("steering:membership-end", args=[member_seat.pk])
    missing = as_secretariat.post(url, {"ended_on": "2025-06-30", "reason": " "})
    assert missing.status_code == 200 and "reason" in missing.context["form"].errors
    response = as_secretariat.post(url, {"ended_on": "2025-06-30", "reason": "Moved abroad"})
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ENDED
    assert member_seat.ended_on == datetime.date(2025, 6, 30)
    assert member_seat.end_reason == "Moved abroad"


def test_ending_a_seat_on_a_later_day_is_refused_and_the_member_stays(as_secretariat, member_seat):
    url = reverse("steering:membership-end", args=[member_seat.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_secretariat.post(url, {"ended_on": tomorrow.isoformat(), "reason": "Leaves"})
    assert response.status_code == 200
    assert "can be ended today or on an earlier day" in str(response.context["form"].errors)
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE
    today = timezone.localdate().isoformat()
    assert as_secretariat.post(url, {"ended_on": today, "reason": "Leaves"}).status_code == 302


def test_ending_before_the_term_started_is_refused(as_secretariat, member_seat):
    url = reverse("steering:membership-end", args=[member_seat.pk])
    response = as_secretariat.post(url, {"ended_on": "2023-01-01", "reason": "Oops"})
    assert response.status_code == 200
    assert "cannot be earlier than the start" in str(response.context["form"].errors)
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE


def test_reappointing_ahead_records_the_new_term_for_its_first_day(as_secretariat, member_seat):
    url = reverse("steering:membership-reappoint", args=[member_seat.pk])
    response = as_secretariat.post(url, {"term_start": "", "term_end": ""})
    assert response["Location"] == reverse("steering:membership-detail", args=[member_seat.pk])
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE  # in office until then
    assert not member_seat.successors.exists()

    carry_out_renewals(datetime.date(2028, 1, 1))

    member_seat.refresh_from_db()
    renewed = member_seat.successors.get()
    assert member_seat.status == Membership.Status.ENDED
    assert member_seat.ended_on == datetime.date(2027, 12, 31)
    assert renewed.term_start == datetime.date(2028, 1, 1)
    assert renewed.term_end == datetime.date(2031, 12, 31)
    assert renewed.term_number == member_seat.term_number + 1
    assert renewed.role == member_seat.role
    assert renewed.representing_region == member_seat.representing_region


def test_reappointing_a_holdover_starts_the_new_term_at_once(as_secretariat, member_seat):
    Membership.objects.filter(pk=member_seat.pk).update(term_end=datetime.date(2025, 12, 31))
    url = reverse("steering:membership-reappoint", args=[member_seat.pk])
    response = as_secretariat.post(url, {"term_start": "", "term_end": ""})
    renewed = member_seat.successors.get()
    assert renewed.term_start == datetime.date(2026, 1, 1)
    assert response["Location"] == reverse("steering:membership-detail", args=[renewed.pk])
    member_seat.refresh_from_db()
    assert member_seat.ended_on == datetime.date(2025, 12, 31)


def test_reappointing_an_ended_seat_is_refused(as_secretariat, member_seat):
    member_seat.status, member_seat.ended_on = "ended", datetime.date(2025, 1, 1)
    member_seat.save()
    url = reverse("steering:membership-reappoint", args=[member_seat.pk])
    response = as_secretariat.post(url, {"term_start": "", "term_end": ""})
    assert response.status_code == 200
    assert "Only an active seat can be renewed." in str(response.context["form"].errors)
    assert not member_seat.successors.exists()


def test_correcting_a_seat_records_the_change(as_secretariat, member_seat, syddanmark):
    url = reverse("steering:membership-edit", args=[member_seat.pk])
    data = {
        "role": "member",
        "representing_region": syddanmark.pk,
        "appointing_body": "region",
        "appointing_organisation": "",
        "term_start": "2024-01-01",
        "term_end": "2028-06-30",
        "term_number": "2",
    }
    response = as_secretariat.post(url, data)
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.representing_region == syddanmark and member_seat.term_number == 2
    page = as_secretariat.get(reverse("steering:membership-detail", args=[member_seat.pk]))
    fields = {f.label: (f.old, f.new) for f in page.context["changes"][0].fields}
    assert fields["representing region"] == (
        "Capital Region of Denmark",
        "Region of Southern Denmark",
    )
    assert fields["term number"] == ("1", "2")
    assert fields["planned term end"] == ("31/12/2027", "30/06/2028")


def test_a_regional_seat_cannot_lose_its_region(as_secretariat, member_seat):
    url = reverse("steering:membership-edit", args=[member_seat.pk])
    response = as_secretariat.post(
        url,
        {
            "role": "member",
            "representing_region": "",
            "appointing_body": "region",
            "term_start": "2024-01-01",
            "term_end": "2027-12-31",
            "term_number": "1",
        },
    )
    assert response.status_code == 200
    assert "A regional member must represent a region." in str(response.context["form"].errors)
    member_seat.refresh_from_db()
    assert member_seat.representing_region is not None


def test_a_member_past_the_planned_term_without_successor_is_flagged_as_holdover(
    as_secretariat, member_seat
):
    member_seat.term_end = datetime.date(2024, 6, 30)
    member_seat.save()
    database_page = as_secretariat.get(
        reverse("steering:database-detail", args=[member_seat.group.database.slug])
    )
    person_page = as_secretariat.get(
        reverse("steering:person-detail", args=[member_seat.person.pk])
    )
    assert "Holdover: past planned term" in database_page.text
    assert "Holdover: past planned term" in person_page.text
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE  # stays until replaced


def test_a_seat_within_its_term_is_not_flagged(as_secretariat, member_seat):
    page = as_secretariat.get(reverse("steering:person-detail", args=[member_seat.person.pk]))
    assert "Holdover" not in page.text


# detail: session, user, roles, seat (+person, group, region), seat history,
#         related names in the history (person, group, region)
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    ("page", "queries"), [("detail", 8), ("edit", 6), ("end", 4), ("reappoint", 4)]
)
def test_query_counts_are_constant(
    as_secretariat, secretariat, django_assert_max_num_queries, size, page, queries
):
    from tests.steering.register_data import a_person_with_seats, populate

    populate(size, actor=secretariat)
    seat = a_person_with_seats(size, actor=secretariat).memberships.last()
    for _ in range(size):  # a longer history for the larger register
        edit_membership(actor=secretariat, membership=seat, term_number=seat.term_number + 1)
        seat.refresh_from_db()
    with django_assert_max_num_queries(queries):
        response = as_secretariat.get(reverse(f"steering:membership-{page}", args=[seat.pk]))
    assert response.status_code == 200
