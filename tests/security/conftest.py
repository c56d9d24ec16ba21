import pytest

# Rate-limit counters and used TOTP codes live in the (Redis) cache; tests/conftest.py's
# empty_cache starts every test with it empty.


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
