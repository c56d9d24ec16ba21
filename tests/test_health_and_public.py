"""Pages open without login: health, the public roster, the accessibility statement."""

import datetime

import pytest
from django.utils import timezone

from rkkp_portal.config.caches import caches
from tests.factories import MembershipFactory


def test_health_reports_database_and_broker_as_json(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() | {"cache": "-"} == {
        "status": "ok",
        "database": "ok",
        "broker": "eager",
        "cache": "-",
    }


def test_health_reports_a_per_process_cache_as_local(client, db, settings):
    settings.CACHES = caches("")
    assert client.get("/health/").json()["cache"] == "local"


def test_health_reports_an_unreachable_broker_as_unavailable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_health_checks_a_shared_cache_with_a_write_and_a_read(client, db, settings):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis")
    settings.CACHES = caches(settings.REDIS_URL)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["cache"] == "ok"


def test_an_unreachable_cache_is_reported_but_leaves_the_portal_healthy(client, db, settings):
    settings.REDIS_URL = ""
    settings.CACHES = caches("redis://127.0.0.1:1/0")
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["cache"] == "unavailable"


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
