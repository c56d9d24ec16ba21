"""The pages the page benchmark measures, who requests each, and the sessions they use.

Everything is looked up in the seeded demo data (``seed_demo``), so the same names work at
every ``--scale``. The two Django admin changelists are the baseline; they are requested
by a superuser the benchmark creates (``bench-admin@rkkp.example``), whose permission
checks cost the admin nothing, so the baseline is the admin at its fastest.
"""

from dataclasses import dataclass

SECRETARIAT = "sekretariat@rkkp.example"
ADMIN_HOVEDSTADEN = "admin.hovedstaden@rkkp.example"
CIRCLE = "direktoerkreds@rkkp.example"
CHAIR = "formand@rkkp.example"
LEADERSHIP = "ledelse@rkkp.example"
MEMBER = "medlem@rkkp.example"
SUPERUSER = "bench-admin@rkkp.example"
PERSONAS = (SECRETARIAT, ADMIN_HOVEDSTADEN, CIRCLE, CHAIR, LEADERSHIP, MEMBER, SUPERUSER)

# The database the demo chair, leadership representative and member sit in.
DEMO_DATABASE = "Dansk Brystcancer Database"


@dataclass(frozen=True)
class Page:
    name: str
    persona: str
    path: str
    baseline: bool = False
    # A form to POST instead of a GET (with a CSRF token), and the status it answers.
    form: dict | None = None
    status: int = 200


def pages() -> list[Page]:
    """The pages to measure, addressed with ids from the database the process uses."""
    from django.utils import timezone

    from regions.models import Region
    from steering.models import ClinicalDatabase

    slug = ClinicalDatabase.objects.get(name=DEMO_DATABASE).slug
    hovedstaden = Region.objects.get(code="hovedstaden")
    return [
        Page("dashboard, secretariat", SECRETARIAT, "/"),
        Page("dashboard, regional admin", ADMIN_HOVEDSTADEN, "/"),
        Page("dashboard, circle", CIRCLE, "/"),
        Page("dashboard, chair", CHAIR, "/"),
        Page("dashboard, leadership rep.", LEADERSHIP, "/"),
        Page("dashboard, member", MEMBER, "/"),
        Page("/databases/", SECRETARIAT, "/databases/"),
        Page("database page", SECRETARIAT, f"/databases/{slug}/"),
        Page(
            "/people/ region+role",
            SECRETARIAT,
            f"/people/?region={hovedstaden.pk}&role=member",
        ),
        Page("/people/ name search", ADMIN_HOVEDSTADEN, "/people/?q=han"),
        Page("compliance dashboard", SECRETARIAT, "/compliance/"),
        Page("forecast, every group", SECRETARIAT, "/compliance/forecast/?all=1"),
        Page("forecast, regional admin", ADMIN_HOVEDSTADEN, "/compliance/forecast/"),
        Page("group forecast", SECRETARIAT, f"/databases/{slug}/forecast/"),
        Page("region workspace", ADMIN_HOVEDSTADEN, "/regions/hovedstaden/"),
        Page("region's people", ADMIN_HOVEDSTADEN, "/regions/hovedstaden/people/"),
        Page("/me/, chair", CHAIR, "/me/"),
        Page("/me/, member", MEMBER, "/me/"),
        Page("planning view", SECRETARIAT, "/meetings/plan/"),
        Page("attendance by year, regions", SECRETARIAT, "/meetings/attendance/year/"),
        Page(
            "attendance by year, groups",
            SECRETARIAT,
            "/meetings/attendance/year/?view=groups&order=lowest",
        ),
        Page("search", SECRETARIAT, "/search/?q=soren"),
        # Reminding everyone missing a declaration: the POST only starts the job (every
        # request writes one; with no worker in the run, the jobs wait in Redis).
        Page(
            "start reminders job (POST)",
            SECRETARIAT,
            "/declarations/remind/",
            form={"year": str(timezone.localdate().year)},
            status=302,
        ),
        Page("admin: Membership list", SUPERUSER, "/admin/steering/membership/", baseline=True),
        Page("admin: Person list", SUPERUSER, "/admin/steering/person/", baseline=True),
    ]


def ensure_superuser():
    """The baseline's superuser; created directly, like ``createsuperuser`` would."""
    from rkkp_portal.accounts.models import User

    user = User.objects.filter(email=SUPERUSER).first()
    if user is None:
        user = User.objects.create_superuser(email=SUPERUSER, password=None)
    return user


def logged_in_clients() -> dict:
    """A ``django.test.Client`` per persona, logged in; its session row lives in the
    benchmark's database, so the same cookie works against gunicorn."""
    from django.test import Client

    from rkkp_portal.accounts.models import User

    ensure_superuser()
    clients = {}
    for email in PERSONAS:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="da")
        client.force_login(User.objects.get(email=email))
        clients[email] = client
    return clients


def cookie_header(client) -> str:
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
