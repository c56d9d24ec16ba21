"""Databases and their steering groups: list, filters, the database page, create and edit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from steering.models import ClinicalDatabase, SteeringGroup
from steering.register.services.databases import update_database
from tests import factories
from tests.steering.register_data import populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _names(response) -> set[str]:
    return {d.name for d in response.context["page_obj"]}


def _list(client, **params):
    return client.get(reverse("steering:database-list"), params)


def test_the_list_filters_by_status_umbrella_disease_area_and_search(as_secretariat):
    heart = factories.GroupFactory(
        database__name="Heart", database__umbrella="dmhg", database__disease_area="Hjerte"
    ).database
    cancer = factories.GroupFactory(
        database__name="Cancer", database__umbrella="dmcg", database__status="paused"
    ).database
    plain = factories.GroupFactory(database__name="Plain", database__acronym="PLN").database
    assert _names(_list(as_secretariat, status="paused")) == {cancer.name}
    assert _names(_list(as_secretariat, umbrella="dmhg")) == {heart.name}
    assert _names(_list(as_secretariat, umbrella="none")) == {plain.name}
    assert _names(_list(as_secretariat, disease_area="Hjerte")) == {heart.name}
    assert _names(_list(as_secretariat, disease_area="hjer")) == {heart.name}
    assert _names(_list(as_secretariat, q="pln")) == {plain.name}


def test_the_list_filters_by_region_coverage(as_secretariat, hovedstaden, syddanmark):
    covered = factories.MembershipFactory(representing_region=hovedstaden).group.database
    ended = factories.MembershipFactory(
        representing_region=hovedstaden, status="ended", ended_on=datetime.date(2024, 2, 1)
    ).group.database
    assert _names(_list(as_secretariat, represented=hovedstaden.pk)) == {covered.name}
    assert _names(_list(as_secretariat, missing=hovedstaden.pk)) == {ended.name}
    assert _names(_list(as_secretariat, missing=syddanmark.pk)) == {covered.name, ended.name}


def test_the_list_filters_by_compliance_problem(as_secretariat):
    regions = factories.all_regions()
    good = factories.GroupFactory(
        requires_all_regions=False,
        requires_leadership_representative=False,
        min_patient_representatives=0,
        full_day_meetings_per_year=0,
    )
    factories.MembershipFactory(group=good, role="chair", representing_region=None)
    chairless = factories.GroupFactory(
        requires_all_regions=False,
        requires_leadership_representative=False,
        min_patient_representatives=0,
        full_day_meetings_per_year=0,
    )
    factories.MembershipFactory(group=chairless, representing_region=regions[0])
    assert _names(_list(as_secretariat, problem="any")) == {chairless.database.name}
    assert _names(_list(as_secretariat, problem="chair")) == {chairless.database.name}
    assert _names(_list(as_secretariat, problem="patients")) == set()


def test_the_database_page_shows_team_composition_coverage_findings_and_meetings(
    as_secretariat, member_seat, chair_seat, secretariat
):
    database = member_seat.group.database
    database.contact_person = secretariat
    database.save()
    factories.MeetingFactory(
        group=member_seat.group,
        place="Odense Congress Center",
        starts_at=timezone.now().replace(month=12, day=1),
    )
    response = as_secretariat.get(reverse("steering:database-detail", args=[database.slug]))
    assert secretariat.email in response.text  # the RKKP team
    labels = [label for label, _ in response.context["seats_by_role"]]
    assert labels == ["Chair", "Regional member"]
    coverage = {region.code: covered for region, covered, _arriving in response.context["coverage"]}
    assert coverage == {
        "hovedstaden": True,
        "sjaelland": False,
        "syddanmark": False,
        "midtjylland": False,
        "nordjylland": False,
    }
    rules = {f.rule for f in response.context["findings"]}
    assert {"regions", "leadership", "patients"} <= rules and "chair" not in rules
    assert "Odense Congress Center" in response.text


def test_the_database_page_shows_who_changed_what(as_secretariat, group, secretariat):
    update_database(actor=secretariat, database=group.database, status="paused")
    response = as_secretariat.get(reverse("steering:database-detail", args=[group.database.slug]))
    change = response.context["changes"][0]
    assert change.who == str(secretariat)
    assert [(f.label, f.old, f.new) for f in change.fields] == [("status", "Active", "On hold")]
    assert "On hold" in response.text


def test_readers_do_not_see_history_or_buttons(client, circle_member, group):
    client.force_login(circle_member)
    response = client.get(reverse("steering:database-detail", args=[group.database.slug]))
    assert 'id="history-heading"' not in response.text
    assert reverse("steering:database-edit", args=[group.database.slug]) not in response.text


DATABASE = {
    "name": "Dansk Testregister",
    "acronym": "DTR",
    "slug": "",
    "umbrella": "",
    "disease_area": "Test",
    "status": "active",
    "indicator_count": "7",
    "indicator_notes": "",
}


def test_the_secretariat_creates_a_database_with_its_group(as_secretariat):
    response = as_secretariat.post(reverse("steering:database-create"), DATABASE)
    database = ClinicalDatabase.objects.get(name="Dansk Testregister")
    assert response.status_code == 302 and response["Location"] == database.get_absolute_url()
    assert database.slug == "dtr" and SteeringGroup.objects.filter(database=database).exists()


def test_creating_a_duplicate_database_explains_and_writes_nothing(as_secretariat, group):
    data = DATABASE | {"name": group.database.name}
    response = as_secretariat.post(reverse("steering:database-create"), data)
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert ClinicalDatabase.objects.count() == 1


def test_a_reserved_address_is_refused(as_secretariat):
    response = as_secretariat.post(reverse("steering:database-create"), DATABASE | {"slug": "new"})
    assert "slug" in response.context["form"].errors
    assert not ClinicalDatabase.objects.exists()


def test_editing_a_database_saves_and_records_history(as_secretariat, group, secretariat):
    url = reverse("steering:database-edit", args=[group.database.slug])
    data = DATABASE | {"name": "Renamed", "slug": group.database.slug}
    response = as_secretariat.post(url, data)
    assert response.status_code == 302
    group.database.refresh_from_db()
    assert group.database.name == "Renamed"
    assert group.database.history.first().history_user == secretariat


def test_saving_an_unchanged_database_writes_no_history(as_secretariat, group):
    database = group.database
    url = reverse("steering:database-edit", args=[database.slug])
    before = database.history.count()
    data = {
        "name": database.name,
        "acronym": database.acronym,
        "slug": database.slug,
        "umbrella": database.umbrella,
        "disease_area": database.disease_area,
        "status": database.status,
        "indicator_count": database.indicator_count,
        "indicator_notes": "",
    }
    assert as_secretariat.post(url, data).status_code == 302
    assert database.history.count() == before


def test_editing_the_groups_rules(as_secretariat, group):
    url = reverse("steering:group-edit", args=[group.database.slug])
    data = {
        "requires_all_regions": "",
        "requires_leadership_representative": "on",
        "min_patient_representatives": "1",
        "full_day_meetings_per_year": "2",
        "notes": "Fewer patients agreed",
    }
    assert as_secretariat.post(url, data).status_code == 302
    group.refresh_from_db()
    assert not group.requires_all_regions and group.min_patient_representatives == 1


def test_an_implausible_meeting_cadence_is_refused(as_secretariat, group):
    url = reverse("steering:group-edit", args=[group.database.slug])
    data = {"min_patient_representatives": "2", "full_day_meetings_per_year": "13"}
    response = as_secretariat.post(url, data)
    assert response.status_code == 200
    assert "At most 12 full-day meetings a year." in str(response.context["form"].errors)
    group.refresh_from_db()
    assert group.full_day_meetings_per_year == 2


# Query counts of the pages that read: the same on a register of one and of three
# databases (each with 1 or 3 seats per role, edited, with meetings and an ended seat).
# list: user, roles (the session is read from the cache), the regions (the choices of
#       both region filters), count, page
# problem: the same after the compliance register (computed: a test runs in a
#       transaction): groups, regions, active seats, chair history, full-day meetings,
#       decided re-appointments
# filtered: user, roles, the regions, count, page
# detail: user, roles, database with its group and people, seats, regions, compliance
#       (active seats with their decided re-appointments, chair history, full-day
#       meetings), the
#       histories of the database and the group, meetings this year
READS = [
    ("list", {}, 5),
    ("list", {"problem": "any"}, 10),
    ("list", {"status": "paused", "umbrella": "none", "q": "d", "missing": "nordjylland"}, 5),
    ("detail", {}, 11),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("page", "params", "queries"), READS)
def test_the_pages_cost_the_same_queries_whatever_the_size(
    as_secretariat, secretariat, django_assert_num_queries, size, page, params, queries
):
    databases = populate(size, actor=secretariat)
    slug = databases[-1].slug
    params = {
        key: factories.region(value).pk if key == "missing" else value
        for key, value in params.items()
    }
    url = {
        "list": reverse("steering:database-list"),
        "detail": reverse("steering:database-detail", args=[slug]),
    }[page]
    with django_assert_num_queries(queries):
        response = as_secretariat.get(url, params)
    assert response.status_code == 200
    if page == "list":
        assert len(response.context["page_obj"]) >= 1


# The forms' pages, at most: their selects are the forms' own concern.
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    ("page", "queries"),
    [("edit", 7), ("group", 4), ("appoint", 7), ("create", 6), ("import", 3)],
)
def test_the_forms_cost_at_most_a_fixed_number_of_queries(
    as_secretariat, secretariat, django_assert_max_num_queries, size, page, queries
):
    databases = populate(size, actor=secretariat)
    slug = databases[-1].slug
    url = {
        "edit": reverse("steering:database-edit", args=[slug]),
        "group": reverse("steering:group-edit", args=[slug]),
        "appoint": reverse("steering:appoint", args=[slug]),
        "create": reverse("steering:database-create"),
        "import": reverse("steering:roster-import"),
    }[page]
    with django_assert_max_num_queries(queries):
        response = as_secretariat.get(url)
    assert response.status_code == 200
