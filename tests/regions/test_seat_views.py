"""The appoint, replace, end and backing pages: region-scoped choices, crafted POSTs refused."""

import datetime

import pytest
from django.utils import timezone

from regions.models import EmployerBacking
from steering.models import Membership, Person


def appoint_data(group, **extra):
    return {"group": group.pk, "term_start": "2026-12-01", **extra}


def test_the_appoint_form_offers_only_the_regions_people_and_workplaces(
    client, admin_hovedstaden, employee_hovedstaden, employee_syddanmark
):
    client.force_login(admin_hovedstaden)
    response = client.get("/regions/hovedstaden/appoint/")
    form = response.context["form"]
    assert list(form.fields["person"].queryset) == [employee_hovedstaden]
    assert list(form.fields["employer"].queryset) == [employee_hovedstaden.employer]
    assert "Søren" not in response.content.decode()


def test_an_admin_appoints_through_the_page(client, admin_hovedstaden, group, employee_hovedstaden):
    client.force_login(admin_hovedstaden)
    response = client.post(
        "/regions/hovedstaden/appoint/", appoint_data(group, person=employee_hovedstaden.pk)
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person=employee_hovedstaden)
    assert seat.representing_region.code == "hovedstaden"


def test_an_admin_appoints_a_new_person_through_the_page(
    client, admin_hovedstaden, group, hospital_hovedstaden
):
    client.force_login(admin_hovedstaden)
    data = appoint_data(
        group,
        first_name="Nina",
        last_name="Nyborg",
        email="nina@hospital.example",
        employer=hospital_hovedstaden.pk,
    )
    assert client.post("/regions/hovedstaden/appoint/", data).status_code == 302
    assert Membership.objects.get(person__first_name="Nina").person.region.code == "hovedstaden"


def test_a_crafted_person_of_another_region_is_not_a_valid_choice(
    client, admin_hovedstaden, group, employee_syddanmark
):
    client.force_login(admin_hovedstaden)
    response = client.post(
        "/regions/hovedstaden/appoint/", appoint_data(group, person=employee_syddanmark.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["person"]
    assert not Membership.objects.filter(person=employee_syddanmark).exists()


def test_a_crafted_workplace_of_another_region_is_not_a_valid_choice(
    client, admin_hovedstaden, group, hospital_syddanmark
):
    client.force_login(admin_hovedstaden)
    data = appoint_data(group, first_name="X", last_name="Y", employer=hospital_syddanmark.pk)
    response = client.post("/regions/hovedstaden/appoint/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["employer"]
    assert not Person.objects.filter(first_name="X").exists()


def test_a_service_refusal_shows_on_the_form(client, admin_hovedstaden, member_seat):
    """The member already sits in the group: a clear message, not a 500."""
    client.force_login(admin_hovedstaden)
    response = client.post(
        "/regions/hovedstaden/appoint/",
        appoint_data(member_seat.group, person=member_seat.person.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Membership.objects.filter(person=member_seat.person).count() == 1


@pytest.mark.parametrize("persona", ["admin_syddanmark", "member", "circle_member"])
def test_other_roles_cannot_appoint_for_the_region(client, request, persona, group, member_seat):
    client.force_login(request.getfixturevalue(persona))
    before = Membership.objects.count()
    assert client.get("/regions/hovedstaden/appoint/").status_code == 403
    data = appoint_data(group, person=member_seat.person.pk)
    assert client.post("/regions/hovedstaden/appoint/", data).status_code == 403
    assert Membership.objects.count() == before


def test_the_secretariat_may_appoint_for_any_region(
    client, secretariat, group, employee_syddanmark
):
    client.force_login(secretariat)
    data = appoint_data(group, person=employee_syddanmark.pk)
    assert client.post("/regions/syddanmark/appoint/", data).status_code == 302


def test_an_admin_replaces_a_member_through_the_page(
    client, admin_hovedstaden, member_seat, employee_hovedstaden
):
    client.force_login(admin_hovedstaden)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/replace/",
        {"person": employee_hovedstaden.pk, "changeover_on": "2026-12-01", "reason": "Retires"},
    )
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.status == "ended"
    assert member_seat.successors.get().person == employee_hovedstaden


def test_a_changeover_on_a_later_day_is_a_form_error_and_nothing_changes(
    client, admin_hovedstaden, member_seat, employee_hovedstaden
):
    client.force_login(admin_hovedstaden)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/replace/",
        {"person": employee_hovedstaden.pk, "changeover_on": tomorrow, "reason": "Retires"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("changeover_on", "future_changeover")
    member_seat.refresh_from_db()
    assert member_seat.status == "active" and not member_seat.successors.exists()


def test_an_admin_ends_a_seat_through_the_page(client, admin_hovedstaden, member_seat):
    client.force_login(admin_hovedstaden)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/end/",
        {"ended_on": "2026-11-01", "reason": "Moved abroad"},
    )
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.status == "ended"


def test_ending_a_seat_on_a_later_day_is_a_form_error(client, admin_hovedstaden, member_seat):
    client.force_login(admin_hovedstaden)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/end/",
        {"ended_on": tomorrow.isoformat(), "reason": "Moved abroad"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("ended_on", "future_end")
    member_seat.refresh_from_db()
    assert member_seat.status == "active"


def test_ending_without_a_reason_is_a_form_error(client, admin_hovedstaden, member_seat):
    client.force_login(admin_hovedstaden)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/end/", {"ended_on": "2026-11-01"}
    )
    assert response.status_code == 200
    member_seat.refresh_from_db()
    assert member_seat.status == "active"


@pytest.mark.parametrize("action", ["replace", "end", "backing"])
def test_a_seat_of_another_region_is_invisible_under_the_admins_own_region(
    client, admin_syddanmark, member_seat, employee_syddanmark, action
):
    """Crafted: Syddanmark's admin names Hovedstaden's seat under their own region."""
    client.force_login(admin_syddanmark)
    url = f"/regions/syddanmark/seats/{member_seat.pk}/{action}/"
    assert client.get(url).status_code == 404
    data = {
        "person": employee_syddanmark.pk,
        "changeover_on": "2026-12-01",
        "ended_on": "2026-12-01",
        "reason": "x",
        "confirmed_on": "2026-11-01",
        "confirmed_by": "Chef",
    }
    assert client.post(url, data).status_code == 404
    member_seat.refresh_from_db()
    assert member_seat.status == "active"
    assert not EmployerBacking.objects.exists()


@pytest.mark.parametrize("action", ["replace", "end", "backing"])
def test_another_regions_workspace_is_refused(client, admin_syddanmark, member_seat, action):
    client.force_login(admin_syddanmark)
    url = f"/regions/hovedstaden/seats/{member_seat.pk}/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x", "ended_on": "2026-12-01"}).status_code == 403
    member_seat.refresh_from_db()
    assert member_seat.status == "active"


def test_a_chair_seat_cannot_be_ended_as_a_regional_seat(client, admin_hovedstaden, chair_seat):
    client.force_login(admin_hovedstaden)
    url = f"/regions/hovedstaden/seats/{chair_seat.pk}/end/"
    assert client.post(url, {"ended_on": "2026-12-01", "reason": "x"}).status_code == 404


def test_an_admin_records_employer_backing(client, admin_hovedstaden, member_seat):
    client.force_login(admin_hovedstaden)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/backing/",
        {"confirmed_on": "2026-11-01", "confirmed_by": "Afdelingsledelsen, Kardiologisk"},
    )
    assert response.status_code == 302
    backing = EmployerBacking.objects.get(membership=member_seat)
    assert backing.confirmed_by == "Afdelingsledelsen, Kardiologisk"
    assert backing.history.first().history_user == admin_hovedstaden


def test_employer_backing_needs_who_confirmed(client, admin_hovedstaden, member_seat):
    client.force_login(admin_hovedstaden)
    response = client.post(
        f"/regions/hovedstaden/seats/{member_seat.pk}/backing/", {"confirmed_on": "2026-11-01"}
    )
    assert response.status_code == 200
    assert not EmployerBacking.objects.exists()


def test_the_anonymous_visitor_is_sent_to_log_in(client, group):
    response = client.post("/regions/hovedstaden/appoint/", appoint_data(group))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_region_is_404(client, admin_hovedstaden):
    client.force_login(admin_hovedstaden)
    assert client.get("/regions/atlantis/appoint/").status_code == 404
