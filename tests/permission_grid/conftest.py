"""One world for the permission grid, built once per module and rolled back afterwards.

Every request of the grid runs in its own savepoint that is rolled back, so an allowed
POST (an ended seat, a logout) never changes what the next persona sees. The nine
personas each get a logged-in client whose session cookie is put back before every
request.
"""

import datetime
import tempfile
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.apps import apps
from django.contrib.auth.models import Group as AuthGroup
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from regions import services as region_services
from regions.models import WelcomeLetterSupplement
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import SignInEvent
from rkkp_portal.jobs.models import Job
from steering.meetings import rsvp
from steering.meetings.services import issue_calendar_token, schedule_meeting
from steering.models import (
    Declaration,
    GroupLetter,
    Invitation,
    Meeting,
    MeetingPaper,
    Membership,
    Message,
    StandardText,
)
from steering.succession import willingness
from steering.succession.asking import ask_about_seat
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader

# The columns of every row, in this order (see notation.py for how a row reads).
PERSONAS = ("anon", "mem", "oth", "chr", "lead", "adm", "adx", "circ", "sec")
PERSONA_NAMES = {
    "anon": "anonymous",
    "mem": "member of the group (represents Hovedstaden)",
    "oth": "member of another group (Syddanmark)",
    "chr": "chair of the group",
    "lead": "leadership representative in the group",
    "adm": "administrator of the same region (Hovedstaden)",
    "adx": "administrator of another region (Syddanmark)",
    "circ": "health directors' circle",
    "sec": "RKKP secretariat",
}
# Rows counted in these apps' tables (history included) before and after every request:
# nothing may be written unless the row's cell says so (``+``).
WATCHED_APPS = (
    "steering",
    "regions",
    "representatives",
    "accounts",
    "account",
    "mfa",
    "auth",
    "jobs",
)
if apps.is_installed("allauth.usersessions"):
    WATCHED_APPS += ("usersessions",)


@dataclass
class Scenario:
    """The objects the URLs name, all about the member's group and region unless noted."""

    users: dict
    clients: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    ns: SimpleNamespace = field(default_factory=SimpleNamespace)
    baseline: tuple = ()

    def __getattr__(self, name):
        if name == "ns":
            raise AttributeError(name)
        return getattr(self.ns, name)


def _build() -> Scenario:
    today = timezone.localdate()
    hovedstaden = factories.region("hovedstaden")
    syddanmark = factories.region("syddanmark")
    group = factories.GroupFactory()
    other_group = factories.GroupFactory()
    third_group = factories.GroupFactory()

    secretariat = factories.make_secretariat(email="grid.sekretariat@rkkp.example")
    admin_same = factories.make_regional_admin("hovedstaden", email="grid.admin.h@rkkp.example")
    admin_other = factories.make_regional_admin("syddanmark", email="grid.admin.s@rkkp.example")
    circle = factories.make_circle_member(email="grid.kreds@rkkp.example")

    member_seat = factories.MembershipFactory(
        group=group,
        role=Membership.Role.MEMBER,
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
    )
    outsider_seat = factories.MembershipFactory(
        group=other_group,
        role=Membership.Role.MEMBER,
        representing_region=syddanmark,
        person__employer__region=syddanmark,
    )
    chair_seat = factories.MembershipFactory(
        group=group,
        role=Membership.Role.CHAIR,
        representing_region=None,
        appointing_body=Membership.AppointingBody.RKKP,
    )
    ensure_policy()
    leader_seat = factories.MembershipFactory(
        group=group,
        person=make_leader("hovedstaden"),
        role=Membership.Role.LEADERSHIP,
        representing_region=None,
    )
    users = {
        "anon": None,
        "mem": factories.make_member_login(member_seat),
        "oth": factories.make_member_login(outsider_seat),
        "chr": factories.make_member_login(chair_seat),
        "lead": factories.make_member_login(leader_seat),
        "adm": admin_same,
        "adx": admin_other,
        "circ": circle,
        "sec": secretariat,
    }

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    meeting = schedule_meeting(
        actor=secretariat,
        group=group,
        kind=Meeting.Kind.FULL_DAY,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        place="Rigshospitalet",
    )
    paper = MeetingPaper.objects.create(
        meeting=meeting,
        kind=MeetingPaper.Kind.AGENDA,
        title="Dagsorden",
        file=SimpleUploadedFile("dagsorden.pdf", b"%PDF-1.4 agenda"),
    )
    invitation = Invitation.objects.get(meeting=meeting, person=member_seat.person)
    message = Message.objects.filter(recipient_person=member_seat.person).first()
    request = region_services.request_appointment(
        actor=secretariat, group=third_group, region=hovedstaden, reason="Ledig plads"
    )
    # The member's term is near its end: their region and they themselves were asked (#22).
    succession_ask = ask_about_seat(member_seat, today)
    contact = region_services.add_support_contact(
        actor=secretariat, region=hovedstaden, kind="lis", name="LIS", email="lis@rh.example"
    )
    buyout = region_services.propose_buyout_agreement(
        actor=secretariat,
        membership=member_seat,
        employer=member_seat.person.employer,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
        hours_per_month=10,
        fte_share=None,
        annual_amount_dkk=1000,
        notes="",
    )
    backing = region_services.record_employer_backing(
        actor=admin_same,
        membership=member_seat,
        confirmed_on=today,
        confirmed_by="Afdelingsledelsen",
    )
    region_services.set_letter_supplement(actor=admin_same, region=hovedstaden, body="Velkommen")
    candidate = make_leader("hovedstaden")
    nomination = LeadershipNomination.objects.create(
        person=candidate,
        group=other_group,
        proposed_by=admin_same,
        proposing_region=hovedstaden,
        motivation="Erfaren leder.",
    )
    declaration = Declaration.objects.create(
        person=member_seat.person,
        year=today.year,
        nothing_to_declare=True,
        submitted_at=timezone.now(),
    )
    auth_group = AuthGroup.objects.create(name="Grid")
    email_address = EmailAddress.objects.create(
        user=users["mem"], email=users["mem"].email, primary=True, verified=True
    )
    superuser = factories.UserFactory(
        email="grid.root@rkkp.example", is_superuser=True, is_staff=True
    )
    bystander = factories.UserFactory(email="grid.totp@rkkp.example")
    authenticator = Authenticator.objects.create(
        user=bystander, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        UserSession.objects.create(
            user=bystander, ip="192.0.2.1", session_key="grid-bystander", user_agent="grid"
        )
    preview_job, import_job = _roster_jobs(secretariat, group.database.slug)
    SignInEvent.objects.create(kind="sign_in", outcome="succeeded", user=bystander)
    GroupLetter.objects.create(
        group=group,
        author=secretariat,
        signature="RKKP",
        subject="Nyt fra sekretariatet",
        body="Tekst",
        recipient_count=1,
        token=uuid.uuid4(),
    )
    sso_app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="grid-idp",
        name="Grid IdP",
        client_id="grid",
        settings={"server_url": "http://127.0.0.1:9/"},
    )
    sso_account = SocialAccount.objects.create(user=bystander, provider="grid-idp", uid="grid")
    SocialToken.objects.create(app=sso_app, account=sso_account, token="not-a-token")
    _give_every_tracked_model_a_history_row()
    ns = SimpleNamespace(
        hovedstaden=hovedstaden,
        syddanmark=syddanmark,
        group=group,
        other_group=other_group,
        database=group.database,
        member_seat=member_seat,
        outsider_seat=outsider_seat,
        chair_seat=chair_seat,
        leader_seat=leader_seat,
        person=member_seat.person,
        meeting=meeting,
        paper=paper,
        invitation=invitation,
        rsvp_token=rsvp.make_token(invitation, Invitation.Response.YES),
        succession_ask=succession_ask,
        willingness_token=willingness.make_token(succession_ask),
        calendar_token=issue_calendar_token(actor=None, person=member_seat.person),
        message=message,
        request=request,
        contact=contact,
        buyout=buyout,
        backing=backing,
        supplement=WelcomeLetterSupplement.objects.get(region=hovedstaden),
        nomination=nomination,
        declaration=declaration,
        standard_text=StandardText.objects.order_by("key").first(),
        auth_group=auth_group,
        email_address=email_address,
        authenticator=authenticator,
        secretariat=secretariat,
        superuser=superuser,
        preview_job=preview_job,
        import_job=import_job,
    )
    assert ns.message is not None and ns.standard_text is not None
    return Scenario(users=users, ns=ns)


def _roster_jobs(secretariat, slug: str) -> tuple[Job, Job]:
    """A finished roster preview the secretariat started, and the import that followed."""
    header = ["Navn", "Mail", "Database", "Rolle", "Start"]
    cells = ["Grid Import", "grid.import@rkkp.example", slug, "formand", "2024-01-01"]
    payload = {
        "name": "grid.csv",
        "table": {"header": header, "rows": [[2, cells]]},
        "mapping": ["full_name", "email", "database", "role", "term_start"],
        "value_map": {},
    }
    row = {"number": 2, "data": {}, "outcome": "new_person_and_seat", "errors": [], "notes": []}
    finished = {"state": Job.State.DONE, "total": 1, "done": 1, "finished_at": timezone.now()}
    preview = Job.objects.create(
        kind="roster_preview",
        started_by=secretariat,
        payload=payload,
        result={"committed": False, "rows": [row]},
        **finished,
    )
    imported = Job.objects.create(
        kind="roster_import",
        started_by=secretariat,
        payload=payload,
        result={"committed": True, "rows": [row]},
        **finished,
    )
    return preview, imported


def _give_every_tracked_model_a_history_row() -> None:
    """Rows seeded by migrations have no history; the admin's history pages need one."""
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model") or history.exists():
            continue
        obj = model.objects.order_by("pk").first()
        if obj is not None:
            obj.save()


def watched_tables() -> list[str]:
    tables = []
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.proxy and model._meta.managed:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def row_counts(tables: list[str]) -> tuple:
    """One query: the number of rows in each watched table (history tables included)."""
    # The table names come from the models' own metadata, quoted: nothing from outside.
    sql = "SELECT " + ", ".join(  # noqa: S608
        f"(SELECT count(*) FROM {connection.ops.quote_name(t)})"  # noqa: S608
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    media = tempfile.TemporaryDirectory()
    overrides = override_settings(
        MEDIA_ROOT=media.name,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        REQUIRE_STAFF_MFA=False,
    )
    overrides.enable()
    cache.clear()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            world = _build()
            for persona, user in world.users.items():
                client = Client()
                if user is not None:
                    client.force_login(user)
                world.clients[persona] = client
                world.cookies[persona] = {k: v.value for k, v in client.cookies.items()}
            world.tables = watched_tables()
            world.baseline = row_counts(world.tables)
            yield world
            transaction.set_rollback(True)
    finally:
        overrides.disable()
        media.cleanup()


@pytest.fixture
def grid_db(scenario, django_db_blocker):
    """Database access for one grid test (each request also gets its own savepoint)."""
    with django_db_blocker.unblock():
        yield scenario
