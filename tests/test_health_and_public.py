"""Pages open without login: health, the public roster, the accessibility statement."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory


def test_health_reports_database_and_broker_as_json(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_health_reports_an_unreachable_broker_as_unavailable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_the_accessibility_statement_is_public(client, db):
    response = client.get("/tilgaengelighed/")
    assert response.status_code == 200
    assert response.context["reviewed_on"] <= datetime.date.today()


@pytest.fixture
def public_group(db):
    chair = MembershipFactory(role="chair", representing_region=None, person__first_name="Åse")
    MembershipFactory(
        group=chair.group,
        role="patient",
        representing_region=None,
        person__first_name="Uden",
        person__last_name="Samtykke",
    )
    MembershipFactory(
        group=chair.group,
        role="patient",
        representing_region=None,
        person__first_name="Med",
        person__last_name="Samtykke",
        person__listing_consent_at=timezone.now(),
    )
    return chair.group


def test_the_public_roster_lists_chairs_without_login(client, public_group):
    response = client.get("/public/")
    assert response.status_code == 200
    assert "Åse" in response.content.decode()


def test_the_public_group_page_hides_patient_representatives_without_consent(client, public_group):
    response = client.get(f"/public/databases/{public_group.database.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Med Samtykke" in html
    assert "Uden Samtykke" not in html


def test_the_public_roster_shows_no_e_mail_addresses(client, public_group):
    html = client.get(f"/public/databases/{public_group.database.slug}/").content.decode()
    assert "@hospital.example" not in html
