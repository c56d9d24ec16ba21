"""The composition dashboard: each rule, the number of groups failing it, and which."""

import pytest
from django.urls import reverse

from tests import factories
from tests.steering.register_data import populate

pytestmark = pytest.mark.django_db


def _relaxed_group(**rules):
    """A group that only the rules named in ``rules`` can fail."""
    defaults = {
        "requires_all_regions": False,
        "requires_leadership_representative": False,
        "min_patient_representatives": 0,
        "full_day_meetings_per_year": 0,
    }
    return factories.GroupFactory(**(defaults | rules))


def test_each_rule_shows_its_failing_groups(client, secretariat):
    chairless = _relaxed_group()
    no_leader = _relaxed_group(requires_leadership_representative=True)
    factories.MembershipFactory(group=no_leader, role="chair", representing_region=None)
    fine = _relaxed_group()
    factories.MembershipFactory(group=fine, role="chair", representing_region=None)
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance"))
    failing = {rule: [g for g, _ in items] for rule, _label, items in response.context["rows"]}
    assert failing["chair"] == [chairless]
    assert failing["leadership"] == [no_leader]
    assert failing["patients"] == []
    assert len(response.context["rows"]) == 8  # every rule is listed, failing or not
    assert chairless.database.name in response.text and fine.database.name not in response.text


def test_the_dashboard_is_exported_with_one_row_per_failing_group(client, secretariat):
    chairless = _relaxed_group()
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance-export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and chairless.database.name in lines[1]


# session, user, roles, groups, regions, seats, chair history, meetings
@pytest.mark.parametrize("size", [1, 3])
def test_query_count_is_constant(client, secretariat, django_assert_max_num_queries, size):
    populate(size, actor=secretariat)
    client.force_login(secretariat)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("steering:compliance"))
    assert response.status_code == 200
    assert sum(len(items) for _r, _l, items in response.context["rows"]) >= size
