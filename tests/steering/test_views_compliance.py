"""The composition page: each rule with the number of groups failing it; the groups of a
chosen rule, a page at a time; the export of every rule's groups."""

import pytest
from django.urls import reverse

from regions.models import Region
from rkkp_portal.paging import PAGE_SIZE
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


def _counts(response) -> dict[str, int]:
    return {rule: count for rule, _label, count in response.context["rules"]}


def _listed(response) -> list:
    return [group.pk for group, _finding in response.context["page_obj"]]


def test_the_page_counts_the_groups_failing_each_rule(client, secretariat):
    _relaxed_group()
    no_leader = _relaxed_group(requires_leadership_representative=True)
    factories.MembershipFactory(group=no_leader, role="chair", representing_region=None)
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance"))
    counts = _counts(response)
    assert len(counts) == 8  # every rule is listed, failing or not
    assert counts["chair"] == 1 and counts["leadership"] == 1 and counts["patients"] == 0
    assert 'href="?rule=chair#rule-chair"' in response.text
    assert 'href="?rule=patients' not in response.text  # nothing to list
    assert "page_obj" not in response.context  # no rule chosen: no groups listed


def test_a_chosen_rule_lists_its_failing_groups(client, secretariat):
    chairless = _relaxed_group()
    no_leader = _relaxed_group(requires_leadership_representative=True)
    factories.MembershipFactory(group=no_leader, role="chair", representing_region=None)
    fine = _relaxed_group()
    factories.MembershipFactory(group=fine, role="chair", representing_region=None)
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance"), {"rule": "chair"})
    assert _listed(response) == [chairless.pk]
    assert '<h2 id="rule-chair">' in response.text
    assert chairless.database.get_absolute_url() in response.text
    assert no_leader.database.name not in response.text and fine.database.name not in response.text
    response = client.get(reverse("steering:compliance"), {"rule": "patients"})
    assert _listed(response) == []


def test_the_groups_of_a_rule_are_paged_by_name(client, secretariat):
    groups = [_relaxed_group() for _ in range(PAGE_SIZE + 2)]  # none has a chair
    by_name = [g.pk for g in sorted(groups, key=lambda g: g.database.name)]
    client.force_login(secretariat)
    first = client.get(reverse("steering:compliance"), {"rule": "chair"})
    second = client.get(reverse("steering:compliance"), {"rule": "chair", "page": "2"})
    assert _listed(first) == by_name[:PAGE_SIZE]
    assert _listed(second) == by_name[PAGE_SIZE:]
    assert 'href="?rule=chair&amp;page=2"' in first.text


@pytest.mark.parametrize("query", [{"rule": "nonsense"}, {"rule": "chair", "page": "x"}])
def test_an_unknown_rule_or_page_shows_the_summary_or_the_first_page(client, secretariat, query):
    chairless = _relaxed_group()
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance"), query)
    assert response.status_code == 200
    if query["rule"] == "chair":
        assert _listed(response) == [chairless.pk]
    else:
        assert "page_obj" not in response.context


def test_the_export_lists_the_failing_groups_of_every_rule(client, secretariat):
    chairless = _relaxed_group()
    no_leader = _relaxed_group(requires_leadership_representative=True)
    factories.MembershipFactory(group=no_leader, role="chair", representing_region=None)
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance-export", args=["csv"]))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3
    assert chairless.database.name in lines[1] and no_leader.database.name in lines[2]


def test_the_dashboard_is_exported_with_one_row_per_failing_group(client, secretariat):
    chairless = _relaxed_group()
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance-export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and chairless.database.name in lines[1]


# user, roles (the session is read from the cache); the compliance register, computed
# because a test runs in a transaction: groups, regions, active seats with the
# re-appointments decided ahead (#22), chair history, full-day meetings; the regions for
# the by-region chart, the term ends for the quarters chart; with a rule, the page's groups.
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("query", "queries"), [({}, 9), ({"rule": "regions"}, 10)])
def test_query_count_is_constant(
    client, secretariat, django_assert_num_queries, size, query, queries
):
    populate(size, actor=secretariat)
    client.force_login(secretariat)
    with django_assert_num_queries(queries):
        response = client.get(reverse("steering:compliance"), query)
    assert response.status_code == 200
    assert sum(count for _rule, _label, count in response.context["rules"]) >= size


def test_the_page_draws_the_rules_and_regions_with_a_summary(client, secretariat):
    populate(2, actor=secretariat)
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance"))
    by_rule, by_region = response.context["by_rule"], response.context["by_region"]
    counts = {label: count for _code, label, count in response.context["rules"]}
    assert {bar.label: bar.value for bar in by_rule.bars} == counts
    assert [bar.label for bar in by_region.bars] == [r.name for r in Region.objects.all()]
    # A bar's length is its share of all groups.
    widest = max(by_rule.bars, key=lambda bar: bar.value)
    assert widest.width == pytest.approx(340 * widest.value / by_rule.scale)
    page = response.content.decode()
    assert page.count('<svg role="img"') == 3
    assert by_rule.summary in page and by_region.summary in page
    assert f" {by_rule.scale} " in by_rule.summary


def test_terms_ending_are_counted_per_quarter_for_two_years(db):
    import datetime

    from steering.compliance.charts import terms_ending_by_quarter
    from tests.factories import MembershipFactory

    today = datetime.date(2026, 12, 5)
    for end in ["2026-12-31", "2027-01-01", "2027-03-31", "2028-09-30", "2028-10-01"]:
        MembershipFactory(term_start=datetime.date(2024, 1, 1), term_end=end)
    MembershipFactory(term_start=datetime.date(2024, 1, 1), term_end=datetime.date(2026, 12, 4))
    chart = terms_ending_by_quarter(today)
    # Q4 2026 up to Q3 2028: eight quarters; 2028-10-01 is after them, 2026-12-04 before today.
    assert [bar.value for bar in chart.bars] == [1, 2, 0, 0, 0, 0, 0, 1]
    assert chart.scale == 2
    assert "4" in chart.summary


def test_the_representation_grid_marks_each_region_of_each_group(
    client, secretariat, group, member_seat, hovedstaden, syddanmark
):
    from tests.factories import GroupFactory

    full = GroupFactory(requires_all_regions=False)
    client.force_login(secretariat)
    url = reverse("steering:compliance-representation")
    response = client.get(url)
    rows = {g.pk: {r.code: seen for r, seen in cells} for g, cells in response.context["rows"]}
    assert rows[group.pk]["hovedstaden"] is True
    assert rows[group.pk]["syddanmark"] is False
    assert full.pk in rows
    # Only the groups that require every region and miss one.
    missing = client.get(url, {"missing": "1"})
    assert [g.pk for g, _cells in missing.context["rows"]] == [group.pk]


@pytest.mark.parametrize("size", [1, 4])
def test_the_grid_costs_the_same_queries_with_more_groups(
    client, secretariat, django_assert_num_queries, size
):
    from tests.factories import MembershipFactory

    for _ in range(size):
        MembershipFactory()
    client.force_login(secretariat)
    # user and roles, the count, the regions, the page's groups, their seats in office
    with django_assert_num_queries(6):
        assert client.get(reverse("steering:compliance-representation")).status_code == 200
