"""What the grid found beyond status codes: a 200 that showed too much, a 302 that wrote.

Each test pins one fix made while writing the grid, so it can fail if the fix is undone.
"""

import pytest
from django.db import transaction
from django.urls import reverse

pytestmark = pytest.mark.django_db


def fetch(scenario, persona: str, url: str, method: str = "get", data=None):
    client = scenario.clients[persona]
    client.cookies.clear()
    for name, value in scenario.cookies[persona].items():
        client.cookies[name] = value
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    return response, content.decode()


def test_the_roster_export_gives_an_administrator_only_their_regions_people(grid_db):
    """Syddanmark's administrator may not open the Hovedstaden member (404), so the
    roster export must not hand over that member's e-mail address either."""
    url = reverse("steering:roster-export", args=[grid_db.database.slug, "csv"])
    member_email = grid_db.person.email
    _, same_region = fetch(grid_db, "adm", url)
    _, other_region = fetch(grid_db, "adx", url)
    _, secretariat = fetch(grid_db, "sec", url)
    assert member_email in same_region
    assert member_email not in other_region
    assert member_email in secretariat
    for seat in (grid_db.chair_seat, grid_db.leader_seat):
        assert seat.person.email in secretariat


def test_the_language_switch_works_without_logging_in(grid_db):
    response, _ = fetch(
        grid_db, "anon", reverse("set_language"), "post", {"language": "en", "next": "/public/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/public/"
    assert response.cookies["django_language"].value == "en"
