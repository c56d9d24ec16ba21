"""The public roster: no login, work-related data only, patient representatives by consent."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.steering.register_data import populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_group(hovedstaden):
    group = factories.GroupFactory()
    factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__first_name="Åse",
        person__last_name="Ørsted",
        person__title="Overlæge",
        person__phone="+45 1234 5678",
        person__employer__name="Rigshospitalet",
    )
    factories.MembershipFactory(
        group=group,
        role="patient",
        representing_region=None,
        person__first_name="Med",
        person__last_name="Samtykke",
        person__listing_consent_at=timezone.now(),
    )
    factories.MembershipFactory(
        group=group, role="patient", representing_region=None, person__first_name="Uden"
    )
    factories.MembershipFactory(
        group=group, role="observer", representing_region=None, person__first_name="Observatør"
    )
    factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        person__first_name="Tidligere",
        status="ended",
        ended_on=datetime.date(2024, 6, 1),
    )
    return group


def test_the_group_page_shows_name_title_workplace_region_and_role(client, public_group):
    response = client.get(reverse("steering:public-database", args=[public_group.database.slug]))
    html = response.text
    assert response.status_code == 200
    assert "Åse Ørsted" in html and "Overlæge, Rigshospitalet" in html
    assert "Region Hovedstaden" in html
    assert [items[0].role for _, items in response.context["seats_by_role"]] == [
        "member",
        "patient",
    ]


def test_it_shows_no_private_or_contact_data(client, public_group):
    html = client.get(reverse("steering:public-database", args=[public_group.database.slug])).text
    assert "@hospital.example" not in html and "1234 5678" not in html


def test_patient_representatives_appear_only_with_recorded_consent(client, public_group):
    html = client.get(reverse("steering:public-database", args=[public_group.database.slug])).text
    assert "Med Samtykke" in html and "Uden" not in html


def test_observers_and_ended_seats_are_not_listed(client, public_group):
    html = client.get(reverse("steering:public-database", args=[public_group.database.slug])).text
    assert "Observatør" not in html and "Tidligere" not in html


def test_a_closed_database_is_not_public(client):
    closed = factories.GroupFactory(database__status="closed").database
    assert client.get(reverse("steering:public-database", args=[closed.slug])).status_code == 404
    assert closed.name not in client.get(reverse("steering:public-roster")).text


@pytest.mark.parametrize("size", [1, 3])
def test_query_counts_are_constant(client, django_assert_max_num_queries, size):
    databases = populate(size)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("steering:public-roster")).status_code == 200
    with django_assert_max_num_queries(5):
        url = reverse("steering:public-database", args=[databases[-1].slug])
        assert client.get(url).status_code == 200
