"""Every page of the region workspace × every persona → the expected status (GET).

Hovedstaden's pages: its administrators and the secretariat get in; everyone else is
refused (403: regions are public knowledge). Objects of Hovedstaden named under
Syddanmark's workspace are 404 for Syddanmark's administrator (see the per-view tests).
"""

import datetime

import pytest
from django.urls import resolve, reverse

from regions import services
from tests import factories

STAFF = {"secretariat": 200, "admin_hovedstaden": 200}
REFUSED = {"admin_syddanmark": 403, "circle_member": 403, "member": 403, "outsider": 403}


@pytest.fixture
def objects(secretariat, admin_hovedstaden, member_seat, hovedstaden, group):
    request = services.request_appointment(
        actor=secretariat, group=factories.GroupFactory(), region=hovedstaden, reason="x"
    )
    contact = services.add_support_contact(
        actor=secretariat, region=hovedstaden, kind="lis", name="LIS", email="lis@rh.dk"
    )
    agreement = services.propose_buyout_agreement(
        actor=secretariat,
        membership=member_seat,
        employer=member_seat.person.employer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        hours_per_month=10,
        fte_share=None,
        annual_amount_dkk=1000,
        notes="",
    )
    return {
        "seat": member_seat.pk,
        "request": request.pk,
        "contact": contact.pk,
        "agreement": agreement.pk,
    }


PAGES = [
    ("regions:region-detail", None, {}),
    ("regions:seat-appoint", None, {}),
    ("regions:seat-replace", "seat", {}),
    ("regions:seat-end", "seat", {}),
    ("regions:seat-backing", "seat", {}),
    ("regions:request-list", None, {}),
    ("regions:request-detail", "request", {}),
    ("regions:request-decline", "request", {}),
    ("regions:supplement-edit", None, {}),
    ("regions:supplement-versions", None, {}),
    ("regions:letter-preview", None, {}),
    ("regions:letter-preview-html", None, {}),
    ("regions:contact-create", None, {}),
    ("regions:contact-edit", "contact", {}),
    ("regions:contact-delete", "contact", {}),
    ("regions:buyout-create", None, {}),
    ("regions:buyout-edit", "agreement", {}),
    ("regions:buyout-report", None, {}),
    ("regions:request-create", None, {"admin_hovedstaden": 403}),
    ("regions:support", None, {"member": 200}),
]


@pytest.mark.parametrize(("name", "obj", "overrides"), PAGES)
@pytest.mark.parametrize("persona", [*STAFF, *REFUSED])
def test_grid(client, request, objects, name, obj, overrides, persona):
    kwargs = {"code": "hovedstaden"}
    if obj:
        kwargs["pk"] = objects[obj]
    expected = {**STAFF, **REFUSED, **overrides}[persona]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == expected


@pytest.mark.parametrize(("name", "obj", "overrides"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, objects, name, obj, overrides):
    kwargs = {"code": "hovedstaden", **({"pk": objects[obj]} if obj else {})}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_url_names_are_stable():
    assert reverse("regions:region-detail", kwargs={"code": "hovedstaden"}) == (
        "/regions/hovedstaden/"
    )
    assert resolve("/regions/buyout-report/").url_name == "buyout-report-all"
    assert resolve("/regions/hovedstaden/seats/1/replace/").url_name == "seat-replace"
