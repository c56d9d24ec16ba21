"""Fill the register with realistic demo data, through the services, in one transaction.

Running it again changes nothing: organisations and logins are looked up before they are
created, and a copy of the catalogue whose first database exists is skipped. ``scale``
adds copies of the catalogue (``Dansk Hjerteregister (demo 2)`` …) with their own people;
those benchmark copies write people, meetings and plain seats in bulk (with history), so
``--scale 10`` stays around a minute.
"""

import dataclasses
import datetime
import random
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import RegionalAdministrator, SupportContact, WelcomeLetterSupplement
from regions.services import add_support_contact, appoint_administrator, set_letter_supplement
from representatives.models import CircleMember
from representatives.services import add_circle_member
from rkkp_portal.accounts.models import User
from rkkp_portal.accounts.services import create_login, link_login
from steering.compliance.checks import RULE_LABELS, findings_for_groups, summary
from steering.demo.casework import seed_casework
from steering.demo.catalogue import DATABASES, DatabaseSpec
from steering.demo.composition import Composer
from steering.demo.data import (
    ADMINISTRATOR_LOGINS,
    CIRCLE_LOGIN,
    REGION_CODES,
    REGION_DOMAINS,
    RKKP_DOMAIN,
    RKKP_TEAM,
    SECRETARIAT_LOGIN,
)
from steering.demo.directory import Directory
from steering.demo.groups import GroupBuilder, Team
from steering.demo.people import PeopleMaker, ascii_local_part, used_emails
from steering.demo.texts import LETTER_SUPPLEMENTS, SUPPORT_CONTACTS
from steering.models import ClinicalDatabase, Membership, Person, SteeringGroup

DEMO_PASSWORD = "rkkp-demo-2026"  # the published demo password (README)  # nosec B105
SEED = 2026

Role = Membership.Role

# Member logins: (e-mail, the role of the seat the person must hold, region it represents).
MEMBER_LOGINS = (
    (f"formand@{RKKP_DOMAIN}", Role.CHAIR, None),
    (f"ledelse@{RKKP_DOMAIN}", Role.LEADERSHIP, None),
    (f"medlem@{RKKP_DOMAIN}", Role.MEMBER, "hovedstaden"),
)


@dataclass(frozen=True)
class Login:
    email: str
    role: str


def catalogue_copy(copy: int) -> list[DatabaseSpec]:
    """The catalogue itself for copy 1; renamed databases with their own slugs after that."""
    if copy == 1:
        return list(DATABASES)
    return [
        dataclasses.replace(
            spec, name=f"{spec.name} (demo {copy})", slug=f"{spec.slug}-demo-{copy}"
        )
        for spec in DATABASES
    ]


def seed_demo(
    *,
    scale: int = 1,
    today: datetime.date | None = None,
    log: Callable[[str], object] = lambda message: None,
) -> list[Login]:
    """Seed ``scale`` copies of the catalogue and the demo logins; return the logins."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    today = today or timezone.localdate()
    with transaction.atomic(), _without_savepoints():
        directory = Directory()
        directory.ensure_base()
        log(f"Hospitals, societies and other organisations: {directory.created} created")
        team = _rkkp_team()
        _regional_support(directory)
        emails = used_emails()
        for copy in range(1, scale + 1):
            _seed_copy(copy, directory, team, emails, today, log)
        logins = _logins(directory)
        seed_casework(today=today, log=log)
        _log_compliance(today, log)
    return logins


@contextmanager
def _without_savepoints():
    """Let the services' own atomic blocks join this run's transaction without savepoints.

    Each service is atomic, and inside an outer transaction every call would cost a
    SAVEPOINT and a RELEASE round trip: over half of all queries of a seed. A seed is all
    or nothing (no error is caught and retried), so those savepoints buy nothing here.
    """
    features = transaction.get_connection().features
    had_own_value = "uses_savepoints" in vars(features)
    saved = features.uses_savepoints
    features.uses_savepoints = False
    try:
        yield
    finally:
        if had_own_value:
            features.uses_savepoints = saved
        else:
            del features.uses_savepoints


def _seed_copy(copy, directory, team, emails, today, log) -> None:
    """Seed one copy of the catalogue; copies after the first are for benchmarks."""
    specs = catalogue_copy(copy)
    if ClinicalDatabase.objects.filter(slug=specs[0].slug).exists():
        log(f"Copy {copy}: already seeded")
        return
    started = time.monotonic()
    organisations = directory.created
    batch = copy > 1
    rng = random.Random(SEED * 1000 + copy)  # noqa: S311 - demo data, not secrets
    people = PeopleMaker(rng, emails, batch=batch)
    composer = Composer(directory=directory, people=people, rng=rng, history=not batch)
    builder = GroupBuilder(
        composer=composer, people=people, team=team, rng=rng, today=today, batch=batch
    )
    for index, spec in enumerate(specs):
        builder.build(index, spec)
    log(
        f"Copy {copy}: {len(specs)} databases, {people.created} people, "
        f"{builder.seats} seats, {builder.meetings} meetings, "
        f"{directory.created - organisations} departments "
        f"({time.monotonic() - started:.1f} s)"
    )


def _rkkp_team() -> Team:
    """RKKP staff: secretariat users without a password (they would get one by reset)."""
    existing = {u.email: u for u in User.objects.filter(email__endswith=f"@{RKKP_DOMAIN}")}
    users: dict[str, list[User]] = {}
    for task, names in RKKP_TEAM.items():
        users[task] = []
        for first_name, last_name in names:
            email = f"{ascii_local_part(first_name, last_name)}@{RKKP_DOMAIN}"
            user = existing.get(email) or create_login(
                actor=None,
                email=email,
                first_name=first_name,
                last_name=last_name,
                is_secretariat=True,
            )
            users[task].append(user)
    return Team(
        contact_persons=users["contact_person"],
        epidemiologists=users["epidemiologist"],
        data_managers=users["data_manager"],
    )


def _regional_support(directory: Directory) -> None:
    """Each region's letter supplement and one support contact of each kind, once."""
    have_letter = set(WelcomeLetterSupplement.objects.values_list("region_id", flat=True))
    have_contact = set(SupportContact.objects.values_list("region_id", "kind"))
    for code in REGION_CODES:
        region = directory.regions[code]
        if region.pk not in have_letter:
            set_letter_supplement(actor=None, region=region, body=LETTER_SUPPLEMENTS[code])
        for kind, name, local_part, description in SUPPORT_CONTACTS:
            if (region.pk, kind) not in have_contact:
                add_support_contact(
                    actor=None,
                    region=region,
                    kind=kind,
                    name=name,
                    email=f"{local_part}@{REGION_DOMAINS[code]}",
                    description=description,
                )


def _login(email: str, first_name: str, last_name: str, *, is_secretariat=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = create_login(
            actor=None,
            email=email,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            is_secretariat=is_secretariat,
        )
    return user


def _logins(directory: Directory) -> list[Login]:
    logins = []
    email = f"sekretariat@{RKKP_DOMAIN}"
    _login(email, *SECRETARIAT_LOGIN, is_secretariat=True)
    logins.append(Login(email, _("RKKP secretariat")))

    for code in REGION_CODES:
        email = f"admin.{code}@{RKKP_DOMAIN}"
        user = _login(email, *ADMINISTRATOR_LOGINS[code])
        region = directory.regions[code]
        if not RegionalAdministrator.objects.filter(user=user).exists():
            appoint_administrator(actor=None, user=user, region=region)
        logins.append(Login(email, f"{_('Regional administrator')}, {region}"))

    email = f"direktoerkreds@{RKKP_DOMAIN}"
    first_name, last_name, region_code, title = CIRCLE_LOGIN
    user = _login(email, first_name, last_name)
    if not CircleMember.objects.filter(user=user).exists():
        add_circle_member(actor=None, user=user, region=directory.regions[region_code], title=title)
    logins.append(Login(email, _("Health directors' circle")))

    for email, role, region_code in MEMBER_LOGINS:
        seat = _member_login(email, role, region_code)
        if seat is not None:
            label = f"{seat.get_role_display()}, {seat.group.database.name}"
            logins.append(Login(email, f"{label} ({seat.person.full_name})"))
    return logins


def _member_login(email: str, role: str, region_code: str | None) -> Membership | None:
    """Link the login to a person holding an active seat of ``role`` in the first copy."""
    seats = (
        Membership.objects.active()
        .filter(role=role, group__database__slug__in=[spec.slug for spec in DATABASES])
        .select_related("person", "group__database")
        .order_by("pk")
    )
    if region_code is not None:
        seats = seats.filter(representing_region__code=region_code)
    person = Person.objects.filter(user__email=email).first()
    if person is not None:
        return seats.filter(person=person).first()
    seat = seats.filter(person__user__isnull=True).first()
    if seat is None:
        return None
    user = _login(email, seat.person.first_name, seat.person.last_name)
    link_login(actor=None, person=seat.person, user=user)
    return seat


def _log_compliance(today: datetime.date, log) -> None:
    groups = list(SteeringGroup.objects.all())
    failing = summary(findings_for_groups(groups, today))
    parts = ", ".join(f"{rule} {failing[rule]}" for rule in RULE_LABELS)
    log(f"Composition rules broken (of {len(groups)} groups): {parts}")
