"""The header's search (/search/): what it finds, for whom, and at what cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.factories import DatabaseFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("search")


def found(client, query: str) -> dict[str, list[str]]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return {
        group.kind.key: [hit.title for hit in group.hits] for group in response.context["found"]
    }


@pytest.fixture
def register(db):
    aarhus = OrganisationFactory(
        name="Aarhus Universitetshospital", region=factories.region("midtjylland")
    )
    rigshospitalet = OrganisationFactory(name="Rigshospitalet")
    return {
        "soeren": PersonFactory(first_name="Søren", last_name="Kjær", employer=aarhus),
        "karen": PersonFactory(first_name="Karen", last_name="Østergaard", employer=rigshospitalet),
        "database": DatabaseFactory(name="Dansk Hjerterehabiliteringsdatabase", acronym="DHRD"),
        "aarhus": aarhus,
        "rigshospitalet": rigshospitalet,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Søren", "Søren Kjær"),
        ("Soren", "Søren Kjær"),
        ("Kjaer", "Søren Kjær"),
        ("soren kjaer", "Søren Kjær"),
        ("ostergaard", "Karen Østergaard"),
        ("Rigshospitalet", "Karen Østergaard"),
    ],
)
def test_people_are_found_with_or_without_danish_letters(
    client, secretariat, register, query, expected
):
    client.force_login(secretariat)
    assert expected in found(client, query)["people"]


def test_databases_by_name_or_acronym_and_workplaces_by_name(client, secretariat, register):
    client.force_login(secretariat)
    assert found(client, "DHRD")["databases"] == ["Dansk Hjerterehabiliteringsdatabase (DHRD)"]
    assert (
        "Dansk Hjerterehabiliteringsdatabase (DHRD)"
        in found(client, "hjerterehabilitering")["databases"]
    )
    assert found(client, "Aarhus Universitetshospital")["organisations"] == [
        "Aarhus Universitetshospital"
    ]


@pytest.mark.postgresql
@pytest.mark.parametrize("typo", ["Sorn Kjær", "Søren Kjar", "Sørn"])
def test_postgresql_forgives_a_typo(client, secretariat, register, typo):
    client.force_login(secretariat)
    assert "Søren Kjær" in found(client, typo)["people"]


@pytest.mark.postgresql
def test_postgresql_ranks_the_closer_match_first(client, secretariat, register):
    PersonFactory(first_name="Sørine", last_name="Kjærsgaard")
    client.force_login(secretariat)
    assert found(client, "Søren Kjær")["people"][0] == "Søren Kjær"


def test_each_hit_leads_to_its_page(client, secretariat, register):
    client.force_login(secretariat)
    response = client.get(URL, {"q": "Søren Kjær"})
    person = register["soeren"]
    assert person.get_absolute_url() in response.content.decode()
    response = client.get(URL, {"q": "Aarhus"})
    workplace = f"{reverse('steering:person-list')}?employer={register['aarhus'].pk}"
    assert workplace in response.content.decode()
    assert client.get(workplace).status_code == 200


def test_an_administrator_finds_only_their_own_region_s_people_and_workplaces(client, register):
    client.force_login(factories.make_regional_admin("hovedstaden"))
    assert found(client, "Karen Østergaard")["people"] == ["Karen Østergaard"]
    assert found(client, "Søren Kjær")["people"] == []
    assert found(client, "Aarhus Universitetshospital")["organisations"] == []
    assert found(client, "Rigshospitalet")["organisations"] == ["Rigshospitalet"]
    # Databases are everyone's: the register is read by every staff role.
    assert found(client, "DHRD")["databases"]


def test_the_circle_finds_databases_but_no_people(client, circle_member, register):
    client.force_login(circle_member)
    results = found(client, "Søren Kjær")
    assert results["people"] == []
    assert results["organisations"] == []
    assert found(client, "DHRD")["databases"]


def test_members_have_no_search(client, member, register):
    client.force_login(member)
    assert client.get(URL, {"q": "Søren"}).status_code == 403
    assert 'id="portal-search-q"' not in client.get("/me/").content.decode()


def test_staff_have_the_field_in_the_header(client, secretariat):
    client.force_login(secretariat)
    page = client.get("/").content.decode()
    assert 'id="portal-search-q"' in page
    assert f'action="{URL}"' in page


@pytest.mark.parametrize("query", ["", "x", "x" * 101])
def test_a_query_too_short_or_long_is_a_message_on_the_form(client, secretariat, query):
    client.force_login(secretariat)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response.context["found"] is None
    assert response.context["form"].errors["q"]


def test_without_a_query_the_page_is_the_empty_form(client, secretariat):
    client.force_login(secretariat)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"].errors == {}


def test_at_most_twenty_of_a_kind_and_the_page_says_so(client, secretariat, db):
    PersonFactory.create_batch(25, last_name="Thygesen")
    client.force_login(secretariat)
    response = client.get(URL, {"q": "Thygesen"})
    people = response.context["found"][0]
    assert len(people.hits) == 20
    assert people.more
    assert "20+" in response.content.decode()


def test_the_search_costs_the_same_queries_with_more_people(
    client, secretariat, register, django_assert_num_queries
):
    client.force_login(secretariat)
    client.get(URL, {"q": "Karen"})
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "Karen"})
    PersonFactory.create_batch(30, first_name="Karen")
    DatabaseFactory.create_batch(5)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL, {"q": "Karen"})
