import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate-limit counters and used TOTP codes live in the (Redis) cache: start and end empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def second_client():
    """Another browser: its own cookies, its own session."""
    from django.test import Client

    return Client()


@pytest.fixture
def client_for_staff():
    """A third browser, for the secretariat acting while the others stay signed in."""
    from django.test import Client

    return Client()
