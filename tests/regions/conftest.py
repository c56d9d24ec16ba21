import datetime

import pytest

from tests import factories


@pytest.fixture
def hospital_hovedstaden(hovedstaden):
    return factories.OrganisationFactory(name="Rigshospitalet", region=hovedstaden)


@pytest.fixture
def hospital_syddanmark(syddanmark):
    return factories.OrganisationFactory(name="Odense Universitetshospital", region=syddanmark)


@pytest.fixture
def employee_hovedstaden(hospital_hovedstaden):
    return factories.PersonFactory(
        first_name="Hanne", last_name="Holm", employer=hospital_hovedstaden
    )


@pytest.fixture
def employee_syddanmark(hospital_syddanmark):
    return factories.PersonFactory(
        first_name="Søren", last_name="Sand", employer=hospital_syddanmark
    )


@pytest.fixture
def today():
    return datetime.date(2026, 11, 22)
