"""The forecast's pages: the timeline of every group (/compliance/forecast/) and one
group's forecast (/databases/<slug>/forecast/), each scoped to the seats the viewer's body
appoints: the secretariat every rule, a regional administrator their region's seats and
the regions rule for their region, the circle the leadership seats."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from steering.compliance import forecast
from steering.compliance.registry import Rule
from tests import factories

pytestmark = pytest.mark.django_db

RELAXED = {
    "requires_all_regions": False,
    "requires_leadership_representative": False,
    "min_patient_representatives": 0,
    "full_day_meetings_per_year": 0,
}


def _today():
    return timezone.localdate()


def _in(days: int) -> datetime.date:
    return _today() + datetime.timedelta(days=days)


def _listed(response) -> list[int]:
    return [group.pk for group, _row in response.context["page_obj"]]


@pytest.fixture
def losing_its_chair(db):
    """A group whose only chair leaves in 100 days, nobody appointed after them."""
    group = factories.GroupFactory(**RELAXED)
    factories.MembershipFactory(
        group=group, role="chair", representing_region=None, term_start=_in(-300), term_end=_in(100)
    )
    return group


@pytest.fixture
def chairless(db):
    """A group without a chair today: not new, so listed only with ?all=1."""
    return factories.GroupFactory(**RELAXED)


@pytest.fixture
def losing_hovedstaden(db, hovedstaden):
    """A group that requires every region and loses Hovedstaden's member in 200 days; the
    other regions are represented throughout."""
    group = factories.GroupFactory(**(RELAXED | {"requires_all_regions": True}))
    for region in factories.all_regions():
        factories.MembershipFactory(
            group=group,
            representing_region=region,
            term_start=_in(-30),
            term_end=_in(200) if region.code == "hovedstaden" else None,
        )
    factories.MembershipFactory(
        group=group, role="chair", representing_region=None, term_start=_in(-30), term_end=None
    )
    return group


@pytest.fixture
def losing_its_leader(db):
    group = factories.GroupFactory(**(RELAXED | {"requires_leadership_representative": True}))
    factories.MembershipFactory(
        group=group, role="chair", representing_region=None, term_start=_in(-30), term_end=None
    )
    factories.MembershipFactory(
        group=group,
        role="leadership",
        representing_region=None,
        term_start=_in(-30),
        term_end=_in(400),
    )
    return group


def test_the_secretariat_sees_the_groups_with_a_break_ahead(
    client, secretariat, losing_its_chair, chairless, losing_hovedstaden, losing_its_leader
):
    client.force_login(secretariat)
    response = client.get(reverse("steering:compliance-forecast"))
    assert response.status_code == 200
    listed = _listed(response)
    assert set(listed) == {losing_its_chair.pk, losing_hovedstaden.pk, losing_its_leader.pk}
    assert response.context["forecast"].rules == forecast.FORECAST_RULES
    chart = response.context["chart"]
    assert [band.rule for band in chart.bands] == list(forecast.FORECAST_RULES)
    assert response.text.count('<svg role="img"') == 1
    chart_at = response.text.index('<svg role="img"')
    svg = response.text[chart_at : response.text.index("</svg>", chart_at)]
    assert svg.count(">jan<") == 2  # the months once, under every band
    url = reverse("steering:database-forecast", args=[losing_its_chair.database.slug])
    assert f'href="{url}"' in response.text
    # With ?all=1 also the group that has no chair today.
    everything = client.get(reverse("steering:compliance-forecast"), {"all": "1"})
    assert chairless.pk in _listed(everything)


def test_the_chart_counts_the_groups_breaking_each_rule_per_month(
    client, secretariat, losing_its_chair, chairless
):
    client.force_login(secretariat)
    result = client.get(reverse("steering:compliance-forecast")).context["forecast"]
    counts = result.count_by_month[Rule.CHAIR]
    assert counts[0] == 1  # the group without a chair today
    assert counts[-1] == 2  # and the one losing its chair in 100 days


def test_a_regional_administrator_sees_only_their_regions_seats(
    client, admin_hovedstaden, admin_syddanmark, losing_hovedstaden, losing_its_chair
):
    client.force_login(admin_hovedstaden)
    response = client.get(reverse("steering:compliance-forecast"))
    assert response.context["forecast"].rules == (Rule.REGIONS,)
    assert _listed(response) == [losing_hovedstaden.pk]
    [(_group, row)] = response.context["page_obj"]
    assert set(row.marks) == {"", "R"}  # Hovedstaden missing from some month on
    assert row.new
    # Another region's administrator: their region stays represented.
    client.force_login(admin_syddanmark)
    assert _listed(client.get(reverse("steering:compliance-forecast"))) == []


def test_the_circle_sees_only_leadership_seats(
    client, circle_member, losing_its_leader, losing_its_chair, losing_hovedstaden
):
    client.force_login(circle_member)
    response = client.get(reverse("steering:compliance-forecast"))
    assert response.context["forecast"].rules == (Rule.LEADERSHIP,)
    assert _listed(response) == [losing_its_leader.pk]


def test_a_groups_forecast_names_each_break_with_its_first_day(
    client, secretariat, losing_its_chair
):
    client.force_login(secretariat)
    slug = losing_its_chair.database.slug
    response = client.get(reverse("steering:database-forecast", args=[slug]))
    assert response.status_code == 200
    [breach] = response.context["group_forecast"].breaches
    assert (breach.rule, breach.starts, breach.ends) == (Rule.CHAIR, _in(101), None)


def test_a_group_that_keeps_every_rule_says_so(client, secretariat, losing_hovedstaden):
    client.force_login(secretariat)
    slug = losing_hovedstaden.database.slug
    response = client.get(reverse("steering:database-forecast", args=[slug]))
    assert response.context["group_forecast"] is not None
    client.force_login(factories.make_circle_member())
    response = client.get(reverse("steering:database-forecast", args=[slug]))
    assert response.context["group_forecast"] is None  # the circle's rule is not required


def test_the_database_page_links_to_the_groups_forecast(client, secretariat, member, group):
    url = reverse("steering:database-forecast", args=[group.database.slug])
    client.force_login(secretariat)
    assert f'href="{url}"' in client.get(group.database.get_absolute_url()).text
    client.force_login(member)
    assert f'href="{url}"' not in client.get(group.database.get_absolute_url()).text


@pytest.mark.django_db(transaction=True)
def test_every_groups_forecast_is_kept_with_the_register_and_forgotten_with_it(
    settings, secretariat, django_assert_num_queries
):
    """Kept under the register's version: a second read costs no query, and a committed
    write to a seat forgets it as it forgets the register."""
    settings.COMPLIANCE_REGISTER_KEPT = True
    group = factories.GroupFactory(**RELAXED)
    first = forecast.forecast_for(secretariat)
    assert [g.group_id for g in first.rows] == [group.pk]  # no chair
    with django_assert_num_queries(0):
        assert forecast.forecast_for(secretariat) == first
    factories.MembershipFactory(group=group, role="chair", representing_region=None, term_end=None)
    assert forecast.forecast_for(secretariat).rows == []
