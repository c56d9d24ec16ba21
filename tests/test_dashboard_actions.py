"""Action first: each staff dashboard row that needs the user leads to where it is done."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regions.models import AppointmentRequest
from representatives.models import LeadershipNomination
from tests import factories

pytestmark = pytest.mark.django_db


def open_request(group, region, days: int) -> AppointmentRequest:
    return AppointmentRequest.objects.create(
        group=group,
        region=region,
        reason="Mangler medlem",
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_the_secretariat_reaches_every_region_s_workspace(
    client, secretariat, group, other_group, hovedstaden
):
    open_request(group, hovedstaden, 30)
    open_request(other_group, hovedstaden, 10)
    regions = factories.all_regions()
    client.force_login(secretariat)
    response = client.get("/")
    body = response.content.decode()
    for region in regions:
        assert f'href="{reverse("regions:region-detail", args=[region.code])}"' in body
    rows = {row["region"].code: row for row in response.context["secretariat"]["regions"]}
    assert rows["hovedstaden"]["open_requests"] == 2
    assert rows["hovedstaden"]["first_due"] == timezone.localdate() + datetime.timedelta(days=10)
    assert rows["syddanmark"]["open_requests"] == 0
    # Neither group has a member from any region.
    assert {row["vacancy_count"] for row in rows.values()} == {2}


def test_the_circle_reaches_each_pending_nomination_s_decision(
    client, circle_member, group, admin_hovedstaden
):
    person = factories.PersonFactory()
    nomination = LeadershipNomination.objects.create(
        person=person, group=group, proposed_by=admin_hovedstaden, motivation="Erfaren leder."
    )
    decision = reverse("representatives:nomination-detail", args=[nomination.pk])
    client.force_login(circle_member)
    for page in ("/", "/representatives/"):
        body = client.get(page).content.decode()
        assert f'<a href="{decision}">Afgør<span class="sr-only">: {person.full_name}' in body
    assert client.get(decision).context["decision_form"] is not None


def test_the_regional_administrator_s_dashboard_leads_to_each_action_through_the_workspace(
    client, admin_hovedstaden, group, hovedstaden
):
    request = open_request(group, hovedstaden, 5)
    today = timezone.localdate()
    ending = factories.MembershipFactory(term_end=today + datetime.timedelta(days=30))
    client.force_login(admin_hovedstaden)
    # The dashboard counts them and links each figure to its list on the workspace, where
    # every row has its action.
    dashboard = client.get("/").content.decode()
    workspace = reverse("regions:region-detail", args=["hovedstaden"])
    for section in ("requests", "vacancies", "ending"):
        assert f'href="{workspace}#{section}-heading"' in dashboard
    body = client.get(workspace).content.decode()
    assert reverse("regions:request-detail", args=["hovedstaden", request.pk]) in body
    appoint = reverse("regions:seat-appoint", args=["hovedstaden"])
    assert f'href="{appoint}?group={group.pk}"' in body
    assert reverse("regions:seat-replace", args=["hovedstaden", ending.pk]) in body


def test_a_chair_without_an_agreement_leads_to_a_proposal_for_that_seat(
    client, admin_hovedstaden, group, hovedstaden
):
    chair = factories.MembershipFactory(
        group=group, role="chair", representing_region=None, appointing_body="rkkp"
    )
    client.force_login(admin_hovedstaden)
    # The workspace counts the chairs without an agreement and links to their list.
    body = client.get(reverse("regions:region-detail", args=["hovedstaden"])).content.decode()
    chairs = reverse("regions:buyout-chairs", args=["hovedstaden"])
    assert f'href="{chairs}"' in body
    body = client.get(chairs).content.decode()
    propose = f"{reverse('regions:buyout-create', args=['hovedstaden'])}?membership={chair.pk}"
    assert f'href="{propose}"' in body
    form = client.get(propose).context["form"]
    assert form["membership"].value() == str(chair.pk)
