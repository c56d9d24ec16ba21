"""Support contacts: kept by the region's administrators, shown to the region's members."""

import pytest
from django.core.exceptions import PermissionDenied

from regions import services
from regions.models import SupportContact


@pytest.fixture
def contact(secretariat, hovedstaden):
    return services.add_support_contact(
        actor=secretariat, region=hovedstaden, kind="lis", name="LIS-support", email="lis@rh.dk"
    )


@pytest.fixture
def syd_contact(secretariat, syddanmark):
    return services.add_support_contact(
        actor=secretariat, region=syddanmark, kind="general", name="Syd hjælp", phone="12345678"
    )


def test_an_admin_adds_edits_and_removes_a_contact(client, admin_hovedstaden, hovedstaden):
    client.force_login(admin_hovedstaden)
    data = {"kind": "general", "name": "Administrativ hjælp", "email": "hjaelp@rh.dk"}
    assert client.post("/regions/hovedstaden/support/contacts/new/", data).status_code == 302
    contact = SupportContact.objects.get(region=hovedstaden)
    data["name"] = "Ny navn"
    url = f"/regions/hovedstaden/support/contacts/{contact.pk}/"
    assert client.post(url + "edit/", data).status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Ny navn"
    assert client.post(url + "delete/").status_code == 302
    assert not SupportContact.objects.exists()
    assert SupportContact.history.filter(history_type="-").get().history_user == admin_hovedstaden


def test_a_contact_needs_a_way_to_reach_it(client, admin_hovedstaden):
    client.force_login(admin_hovedstaden)
    response = client.post(
        "/regions/hovedstaden/support/contacts/new/", {"kind": "general", "name": "Ingen"}
    )
    assert response.status_code == 200
    assert not SupportContact.objects.exists()


def test_the_regions_members_see_its_contacts(client, member, contact, syd_contact):
    client.force_login(member)
    response = client.get("/regions/hovedstaden/support/")
    assert response.status_code == 200
    assert response.context["contacts"] == [contact]
    assert not response.context["can_manage"]


def test_a_member_of_another_region_cannot_see_them(client, outsider, contact):
    client.force_login(outsider)
    assert client.get("/regions/hovedstaden/support/").status_code == 403


def test_another_regions_contact_is_invisible(client, admin_syddanmark, contact):
    client.force_login(admin_syddanmark)
    data = {"kind": "general", "name": "Kapret", "email": "x@example.org"}
    for action in ("edit", "delete"):
        url = f"/regions/syddanmark/support/contacts/{contact.pk}/{action}/"
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
        url = f"/regions/hovedstaden/support/contacts/{contact.pk}/{action}/"
        assert client.post(url, data).status_code == 403
    assert client.post("/regions/hovedstaden/support/contacts/new/", data).status_code == 403
    contact.refresh_from_db()
    assert contact.name == "LIS-support"
    assert SupportContact.objects.count() == 1


def test_the_services_refuse_another_region(admin_syddanmark, contact, hovedstaden):
    with pytest.raises(PermissionDenied):
        services.add_support_contact(
            actor=admin_syddanmark, region=hovedstaden, kind="lis", name="x", email="x@x.dk"
        )
    with pytest.raises(PermissionDenied):
        services.change_support_contact(
            actor=admin_syddanmark, contact=contact, kind="lis", name="x", email="x@x.dk"
        )
    with pytest.raises(PermissionDenied):
        services.remove_support_contact(actor=admin_syddanmark, contact=contact)


def test_the_service_refuses_employer_backing_for_another_region(admin_syddanmark, member_seat):
    import datetime

    with pytest.raises(PermissionDenied):
        services.record_employer_backing(
            actor=admin_syddanmark,
            membership=member_seat,
            confirmed_on=datetime.date(2026, 1, 1),
            confirmed_by="Chef",
        )


def test_a_member_finds_the_support_of_their_region_of_employment(client, member, contact):
    client.force_login(member)
    response = client.get("/regions/my-support/")
    assert response["Location"] == "/regions/hovedstaden/support/"


def test_a_user_without_a_person_has_no_region_support(client, circle_member):
    client.force_login(circle_member)
    assert client.get("/regions/my-support/").status_code == 404
