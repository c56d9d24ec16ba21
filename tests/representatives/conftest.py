"""Candidates and nominations for the leadership-representative tests."""

import pytest
from django.utils import translation

from representatives.models import (
    LeadershipNomination,
    QualifyingLeadershipLevel,
    QualifyingOrganisationKind,
    QualifyingProfession,
)
from tests import factories

SEEDED_LEVELS = ["director", "vice_director"]
SEEDED_PROFESSIONS = ["physician", "nurse", "physiotherapist", "other_health"]


def ensure_policy() -> None:
    """The seeded policy (transactional tests flush the migration's rows)."""
    for level in SEEDED_LEVELS:
        QualifyingLeadershipLevel.objects.get_or_create(level=level)
    for profession in SEEDED_PROFESSIONS:
        QualifyingProfession.objects.get_or_create(profession=profession)
    for code in ("hospital", "regional_administration"):
        QualifyingOrganisationKind.objects.get_or_create(kind=factories.organisation_kind(code))


def make_leader(region_code: str = "hovedstaden", **fields):
    """A vice-director with a nursing background at a hospital: eligible."""
    fields.setdefault("leadership_level", "vice_director")
    fields.setdefault("profession", "nurse")
    fields.setdefault("title", "Vicedirektør")
    return factories.PersonFactory(
        employer__region=factories.region(region_code),
        employer__kind=factories.organisation_kind("hospital"),
        **fields,
    )


def make_nomination(person, group, proposed_by, **fields) -> LeadershipNomination:
    """An open nomination written directly (tests of nominate() go through the service)."""
    return LeadershipNomination.objects.create(
        person=person,
        group=group,
        proposed_by=proposed_by,
        proposing_region=person.region,
        motivation=fields.pop("motivation", "Erfaren leder med fokus på kvalitet."),
        **fields,
    )


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages in their msgid language, in services and on pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def leader(db, hovedstaden):
    ensure_policy()
    return make_leader("hovedstaden")


@pytest.fixture
def leader_syddanmark(db, syddanmark):
    ensure_policy()
    return make_leader("syddanmark")


@pytest.fixture
def nomination(leader, group, admin_hovedstaden):
    return make_nomination(leader, group, admin_hovedstaden)


@pytest.fixture
def candidate(nomination):
    """The nominated leader's own login."""
    user = factories.UserFactory(email=nomination.person.email)
    nomination.person.user = user
    nomination.person.save(update_fields=["user"])
    return user


@pytest.fixture
def as_persona(client, request):
    def login(persona: str):
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return login
