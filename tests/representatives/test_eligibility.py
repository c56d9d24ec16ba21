"""Eligibility is data: the check lists every reason, and a new kind needs no code change."""

import pytest

from regions.models import Organisation, OrganisationKind
from representatives.eligibility import EligibilityPolicy, eligibility_problems
from representatives.models import QualifyingOrganisationKind, QualifyingProfession
from steering.models import Person
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader

POLICY = EligibilityPolicy(
    levels=frozenset({"director", "vice_director"}),
    professions=frozenset({"physician", "nurse"}),
    organisation_kinds=frozenset({"hospital"}),
    organisation_kind_names=("Hospital",),
)


def person(level="director", profession="physician", kind="hospital") -> Person:
    """An unsaved person: the check is pure and needs no database."""
    employer = None
    if kind is not None:
        employer = Organisation(pk=1, name="Sted", kind=OrganisationKind(code=kind, name_en=kind))
    return Person(
        first_name="Eva",
        last_name="Hansen",
        leadership_level=level,
        profession=profession,
        employer=employer,
    )


def test_a_director_physician_at_a_hospital_qualifies():
    assert eligibility_problems(person(), POLICY) == []


def test_a_vice_director_nurse_qualifies():
    assert eligibility_problems(person(level="vice_director", profession="nurse"), POLICY) == []


def test_every_reason_is_listed_at_once():
    problems = eligibility_problems(
        person(level="department", profession="non_health", kind="municipality"), POLICY
    )
    assert len(problems) == 3
    assert "Department management" in problems[0] and "Director" in problems[0]
    assert "Not a health professional" in problems[1]
    assert "municipality" in problems[2] and "Hospital" in problems[2]


def test_missing_details_are_reasons_too():
    problems = eligibility_problems(person(level="none", profession="", kind=None), POLICY)
    assert problems[1:] == [
        "No professional background is recorded.",
        "No workplace is recorded.",
    ]
    assert "No leadership role" in problems[0]


@pytest.mark.django_db
def test_the_migration_seeds_directors_health_professions_hospitals_and_regions():
    policy = EligibilityPolicy.load()
    assert policy.levels == {"director", "vice_director"}
    assert policy.organisation_kinds == {"hospital", "regional_administration"}
    assert "non_health" not in policy.professions
    assert {"physician", "nurse", "physiotherapist", "other_health"} <= policy.professions


@pytest.mark.django_db
def test_turning_on_a_new_organisation_kind_needs_only_a_row():
    ensure_policy()
    municipal_director = factories.PersonFactory(
        leadership_level="director",
        profession="nurse",
        employer__kind=factories.organisation_kind("municipality"),
    )
    assert len(eligibility_problems(municipal_director, EligibilityPolicy.load())) == 1

    QualifyingOrganisationKind.objects.create(kind=factories.organisation_kind("municipality"))

    assert eligibility_problems(municipal_director, EligibilityPolicy.load()) == []


@pytest.mark.django_db
def test_removing_a_profession_row_turns_it_off():
    ensure_policy()
    nurse = make_leader(profession="nurse")
    QualifyingProfession.objects.filter(profession="nurse").delete()
    assert eligibility_problems(nurse, EligibilityPolicy.load()) == [
        "Professional background “Nurse” does not qualify."
    ]


@pytest.mark.django_db
def test_the_policy_loads_in_three_queries(django_assert_num_queries):
    with django_assert_num_queries(3):
        EligibilityPolicy.load()


@pytest.mark.django_db
def test_the_secretariat_turns_a_kind_on_in_the_admin(client, secretariat):
    kind = factories.organisation_kind("municipality")
    client.force_login(secretariat)
    url = "/admin/representatives/qualifyingorganisationkind/add/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": kind.pk})
    assert response.status_code == 302
    assert QualifyingOrganisationKind.objects.filter(kind=kind).exists()
    assert QualifyingOrganisationKind.history.filter(kind=kind).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["circle_member", "admin_hovedstaden", "member"])
def test_nobody_else_edits_the_policy_in_the_admin(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/representatives/qualifyingorganisationkind/add/")
    assert response.status_code in (302, 403)
