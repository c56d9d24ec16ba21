"""Personas shared by the whole suite.

alice-style naming from healthchecks: each persona is one role, and tests state which
one they act as. The same group (``group``) is used so that "member of the group" and
"outsider" are meaningful.
"""

import datetime
import os
from collections import Counter
from decimal import Decimal

import pytest

from regions import services as region_services
from rkkp_portal.celery import app as celery_app
from tests import factories

# Why a test may be skipped for what the machine lacks; the summary counts each reason.
NEEDS_POSTGRESQL = "needs PostgreSQL"
NEEDS_REDIS = "needs Redis (REDIS_URL)"


def database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def pytest_runtest_setup(item):
    """Tests marked postgresql are skipped on SQLite, those with a real worker without Redis."""
    if item.get_closest_marker("postgresql") and database_vendor() != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    if item.get_closest_marker("celery_worker") and not os.environ.get("REDIS_URL"):
        pytest.skip(NEEDS_REDIS)


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)


def pytest_terminal_summary(terminalreporter):
    """Which pass this was, and how many tests it skipped for want of PostgreSQL or Redis."""
    reasons = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        reason = _skip_reason(report)
        if "PostgreSQL" in reason:
            reasons["postgresql"] += 1
        elif "REDIS_URL" in reason or "Redis" in reason:
            reasons["redis"] += 1
    vendor = database_vendor()
    redis = "Redis" if os.environ.get("REDIS_URL") else "no Redis, jobs run eagerly"
    terminalreporter.section("databases")
    terminalreporter.write_line(f"database: {vendor}, {redis}")
    terminalreporter.write_line(f"skipped, needs PostgreSQL: {reasons['postgresql']}")
    terminalreporter.write_line(f"skipped, needs Redis: {reasons['redis']}")


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Ordinary tests run tasks in-process; tests marked celery_worker use a real worker."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def hovedstaden(db):
    return factories.region("hovedstaden")


@pytest.fixture
def syddanmark(db):
    return factories.region("syddanmark")


@pytest.fixture
def group(db):
    return factories.GroupFactory()


@pytest.fixture
def other_group(db):
    return factories.GroupFactory()


@pytest.fixture
def secretariat(db):
    return factories.make_secretariat(email="sekretariat@rkkp.example")


@pytest.fixture
def admin_hovedstaden(db):
    return factories.make_regional_admin("hovedstaden", email="admin.hovedstaden@rkkp.example")


@pytest.fixture
def admin_syddanmark(db):
    return factories.make_regional_admin("syddanmark", email="admin.syddanmark@rkkp.example")


@pytest.fixture
def circle_member(db):
    return factories.make_circle_member(email="direktoerkreds@rkkp.example")


@pytest.fixture
def member_seat(group, hovedstaden):
    return factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
    )


@pytest.fixture
def member(member_seat):
    return factories.make_member_login(member_seat)


@pytest.fixture
def chair_seat(group):
    return factories.MembershipFactory(
        group=group, role="chair", representing_region=None, appointing_body="rkkp"
    )


@pytest.fixture
def chair(chair_seat):
    return factories.make_member_login(chair_seat)


@pytest.fixture
def outsider_seat(other_group, syddanmark):
    """A member of another group, employed in another region."""
    return factories.MembershipFactory(
        group=other_group,
        role="member",
        representing_region=syddanmark,
        person__employer__region=syddanmark,
    )


@pytest.fixture
def outsider(outsider_seat):
    return factories.make_member_login(outsider_seat)


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def cached_sessions(settings):
    """Sessions are read from the cache as with REDIS_URL (rkkp_portal/accounts/sessions.py);
    without Redis the per-process cache stands in, so pinned query counts hold either way."""
    settings.SESSION_ENGINE = "rkkp_portal.accounts.sessions"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Personas get passwords; the production hasher costs ~0.3 s per user created."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in English leaves English active in the thread; the next test starts in Danish."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache(request):
    """allauth keeps failed-login counters and used TOTP codes in the cache (Redis in CI);
    without this, one test's refused logins would refuse the next test's. Tests with a real
    worker keep theirs: the broker shares the Redis database."""
    if not request.node.get_closest_marker("celery_worker"):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def approved_buyout(db, group, hovedstaden, admin_hovedstaden):
    """A chair's buy-out in Hovedstaden for 2026, 180,000 kr. a year, approved."""
    hospital = factories.OrganisationFactory(name="Rigshospitalet", region=hovedstaden)
    seat = factories.MembershipFactory(
        group=group, role="chair", representing_region=None, person__employer=hospital
    )
    agreement = region_services.propose_buyout_agreement(
        actor=admin_hovedstaden,
        membership=seat,
        employer=hospital,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        hours_per_month=Decimal("20"),
        fte_share=None,
        annual_amount_dkk=Decimal("180000"),
        notes="",
    )
    return region_services.decide_buyout_agreement(
        actor=factories.make_secretariat(), agreement=agreement, approve=True
    )
