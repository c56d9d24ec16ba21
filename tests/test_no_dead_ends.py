"""No dead ends (#18): from every demo login's dashboard, every link and GET target two
levels deep answers, none with 403, 404 or 500.

The demo data of ``seed_demo`` is seeded once for the module, inside a transaction that is
rolled back at the end. The crawler (tests/crawler.py) requests links, ``hx-get``
targets and GET forms as they are shown; it submits no POST form (the sign-out and
language buttons, the actions), requests no ``mailto:``/``tel:`` or external address, and
does not read on from Django's admin (its links are every model's add, change and delete
forms). Downloads (CSV, XLSX, calendar files) are requested and their status checked, not
read for links.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from rkkp_portal.accounts.models import User
from tests.crawler import crawl

pytestmark = pytest.mark.django_db

REGION_CODES = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
LOGINS = [
    "sekretariat@rkkp.example",
    *(f"admin.{code}@rkkp.example" for code in REGION_CODES),
    "direktoerkreds@rkkp.example",
    "formand@rkkp.example",
    "ledelse@rkkp.example",
    "medlem@rkkp.example",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        call_command("seed_demo", skip_checks=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def report(dead_ends) -> str:
    return "\n".join(f"{v.status} {v.url} (linked from {v.found_on})" for v in dead_ends)


@pytest.mark.parametrize("email", LOGINS)
def test_every_link_two_levels_from_the_dashboard_leads_somewhere(demo, client, email):
    client.force_login(User.objects.get(email=email))
    result = crawl(client, "/", depth=2)
    assert not result.dead_ends, report(result.dead_ends)
    # The walk reached pages beyond the menu, not just the dashboard.
    assert sum(1 for v in result.visits.values() if v.status == 200) > 50
    assert set(result.skipped.values()) <= {"not a web address", "external site"}
