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


# Summaries obey the same scope as details (#20, point 1): every overview, count and export a
# persona may open, fetched with the other region's data present. Syddanmark's
# administrator ("adx") may not open Hovedstaden's nomination (404) nor its member (404),
# so no summary may name the candidate or hand over the member's e-mail address.
SUMMARIES = [
    ("dashboard", ()),
    ("representatives:overview", ()),
    ("representatives:my-nominations", ()),
    ("steering:compliance", ()),
    ("steering:compliance-export", ("csv",)),
    ("steering:compliance-forecast", ()),
    ("steering:database-list", ()),
    ("steering:database-export", ("csv",)),
    ("steering:person-list", ()),
    ("steering:person-export", ("csv",)),
    ("steering:message-list", ()),
    ("steering:meeting-plan", ()),
    ("steering:attendance-statistics", ()),
    ("steering:attendance-year", ()),
    ("regions:buyout-report-all", ()),
    ("regions:region-detail", ("syddanmark",)),
    ("regions:region-people", ("syddanmark",)),
    ("regions:buyout-report", ("syddanmark",)),
    ("regions:buyout-chairs", ("syddanmark",)),
    ("regions:request-list", ("syddanmark",)),
]


@pytest.mark.parametrize(("name", "args"), SUMMARIES, ids=[name for name, _args in SUMMARIES])
def test_no_summary_shows_another_region_s_nomination_or_member(grid_db, name, args):
    url = reverse(name, args=args)
    candidate = grid_db.nomination.person.full_name
    response, content = fetch(grid_db, "adx", url)
    assert response.status_code in (200, 403), response.status_code
    assert candidate not in content
    assert grid_db.person.email not in content


def test_the_representatives_overview_counts_only_the_nominations_the_viewer_may_open(grid_db):
    url = reverse("representatives:overview")
    candidate = grid_db.nomination.person.full_name
    seen = {}
    for persona in ("adm", "adx", "circ", "sec"):
        response, content = fetch(grid_db, persona, url)
        data = response.context["data"]
        pipeline = {value: count for value, _label, count in data["pipeline"]}
        waiting = {row["region"].code: row["open_nominations"] for row in data["by_region"]}
        seen[persona] = (
            candidate in content,
            len(data["open_nominations"]),
            pipeline["proposed"],
            waiting["hovedstaden"],
        )
    assert seen == {
        "adm": (True, 1, 1, 1),
        "adx": (False, 0, 0, 0),
        "circ": (True, 1, 1, 1),
        "sec": (True, 1, 1, 1),
    }


def test_the_latest_decisions_are_the_viewer_s_too(grid_db):
    """A decided (rejected) nomination of Hovedstaden's is not among Syddanmark's latest
    decisions."""
    from django.utils import timezone

    from representatives.models import LeadershipNomination

    url = reverse("representatives:overview")
    with transaction.atomic():
        LeadershipNomination.objects.filter(pk=grid_db.nomination.pk).update(
            status=LeadershipNomination.Status.REJECTED,
            decided_by=grid_db.secretariat,
            decided_at=timezone.now(),
        )
        other, _ = fetch(grid_db, "adx", url)
        same, _ = fetch(grid_db, "adm", url)
        transaction.set_rollback(True)
    assert other.context["data"]["recent_decisions"] == []
    assert [n.pk for n in same.context["data"]["recent_decisions"]] == [grid_db.nomination.pk]


def test_the_candidate_search_offers_an_administrator_only_their_region_s_leaders(grid_db):
    candidate = grid_db.nomination.person
    url = reverse("representatives:candidate-lookup") + f"?person_search={candidate.last_name}"
    _, other_region = fetch(grid_db, "adx", url)
    _, same_region = fetch(grid_db, "adm", url)
    assert candidate.full_name not in other_region
    assert candidate.full_name in same_region


def test_the_search_finds_only_the_people_and_workplaces_the_viewer_may_open(grid_db):
    person = grid_db.person
    url = reverse("search") + f"?q={person.first_name} {person.last_name}"
    seen = {}
    for persona in ("adm", "adx", "circ", "sec"):
        _, content = fetch(grid_db, persona, url)
        seen[persona] = (person.get_absolute_url() in content, str(person.employer) in content)
    assert seen == {
        "adm": (True, True),
        "adx": (False, False),
        "circ": (False, False),
        "sec": (True, True),
    }
