"""``manage.py seed_demo``: realistic demo data, the demo logins, and the promised gaps.

Seeding takes a while, so the module seeds once, inside a transaction that is rolled
back when the module is done; each test runs in a savepoint within it.
"""

import io
import random
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone

from regions.models import (
    BuyOutAgreement,
    EmployerBacking,
    Region,
    SupportContact,
    WelcomeLetterSupplement,
)
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import User
from steering.compliance.checks import RULE_LABELS, findings_for_groups, summary
from steering.demo import seeding
from steering.demo.composition import Composer, Plan
from steering.demo.directory import Directory
from steering.demo.people import PeopleMaker, used_emails
from steering.models import (
    ClinicalDatabase,
    Declaration,
    Invitation,
    Membership,
    Person,
    SteeringGroup,
)
from steering.selfservice.services import missing_declarations

pytestmark = pytest.mark.django_db

REGION_CODES = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
PASSWORD = "rkkp-demo-2026"
Role = Membership.Role


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    # The same fast hasher as the suite's autouse fixture, which is function-scoped.
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", skip_checks=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_output):
    return seed_output


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", skip_checks=True, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def active_seats():
    return Membership.objects.active()


# --- what it creates ---------------------------------------------------------------------


def test_it_creates_about_85_databases_each_with_a_staffed_steering_group(seeded):
    assert Region.objects.count() == 5
    assert ClinicalDatabase.objects.count() >= 85
    assert SteeringGroup.objects.count() == ClinicalDatabase.objects.count()
    assert not SteeringGroup.objects.filter(memberships__isnull=True).exists()
    assert not ClinicalDatabase.objects.filter(
        Q(contact_person=None) | Q(epidemiologist=None) | Q(data_manager=None)
    ).exists()


def test_databases_have_acronyms_umbrellas_and_5_to_12_indicators(seeded):
    databases = ClinicalDatabase.objects.all()
    assert all(d.acronym and d.slug and d.disease_area for d in databases)
    assert all(5 <= d.indicator_count <= 12 for d in databases)
    assert databases.filter(umbrella="dmcg").count() >= 20
    assert databases.filter(umbrella="dmhg").count() >= 5


def test_regional_members_work_in_the_region_they_represent(seeded):
    seats = active_seats().filter(role=Role.MEMBER).select_related("person")
    assert seats.exists()
    assert all(s.person.region_id == s.representing_region_id for s in seats)
    assert all(s.person.employer_id is not None for s in seats)


def test_leadership_representatives_are_hospital_directors_with_a_health_background(seeded):
    seats = active_seats().filter(role=Role.LEADERSHIP).select_related("person__employer__kind")
    assert seats.exists()
    for seat in seats:
        person = seat.person
        assert person.leadership_level in {"director", "vice_director"}
        assert person.profession not in {"", "non_health"}
        assert person.employer.kind.code == "hospital"
        assert seat.appointing_body == Membership.AppointingBody.CIRCLE


def test_some_groups_have_co_chairs(seeded):
    co_chaired = SteeringGroup.objects.annotate(
        chairs=Count(
            "memberships", filter=Q(memberships__status="active", memberships__role="chair")
        )
    ).filter(chairs__gte=2)
    assert co_chaired.count() >= 5


def test_some_people_sit_in_several_groups(seeded):
    in_several = Person.objects.annotate(
        groups=Count("memberships__group", distinct=True, filter=Q(memberships__status="active"))
    ).filter(groups__gte=2)
    assert in_several.count() >= 10


def test_it_records_ended_seats_with_reasons_and_second_terms(seeded):
    ended = Membership.objects.ended()
    assert ended.count() >= 50
    assert not ended.filter(end_reason="").exists()
    renewed = active_seats().filter(term_number=2, predecessor__status="ended")
    assert renewed.count() >= 20


def test_it_schedules_two_full_day_meetings_this_year_in_most_groups(seeded):
    groups = SteeringGroup.objects.annotate(
        full_days=Count("meetings", filter=Q(meetings__kind="full_day"))
    )
    assert groups.filter(full_days__gte=2).count() > groups.count() * 0.9


def test_every_active_member_is_invited_to_the_groups_meetings(seeded):
    group = ClinicalDatabase.objects.get(slug="dbcg").steering_group
    members = set(active_seats().filter(group=group).values_list("person_id", flat=True))
    for meeting in group.meetings.all():
        assert set(meeting.invitations.values_list("person_id", flat=True)) == members


def test_most_meetings_held_have_their_attendance_registered_and_groups_differ(seeded):
    held = Invitation.objects.filter(meeting__ends_at__lt=timezone.now())
    per_meeting = held.values("meeting_id").annotate(
        recorded=Count("pk", filter=~Q(attendance="")),
        present=Count("pk", filter=Q(attendance="present")),
    )
    if not per_meeting:
        pytest.skip("no meeting of this year has been held yet")
    registered = [row for row in per_meeting if row["recorded"]]
    assert len(registered) >= len(per_meeting) * 0.7
    assert len(registered) < len(per_meeting)  # some are still to be registered
    shares = {round(10 * row["present"] / row["recorded"]) for row in registered}
    assert len(shares) >= 3


def test_every_region_has_a_letter_supplement_and_each_kind_of_support_contact(seeded):
    assert WelcomeLetterSupplement.objects.exclude(body="").count() == 5
    for region in Region.objects.all():
        kinds = set(region.support_contacts.values_list("kind", flat=True))
        assert kinds == set(SupportContact.Kind.values)


# --- the promised gaps ---------------------------------------------------------------------


@pytest.mark.parametrize("rule", list(RULE_LABELS))
def test_each_composition_rule_is_broken_by_some_groups_and_kept_by_most(seeded, rule):
    findings = findings_for_groups(SteeringGroup.objects.all())
    failing = sum(
        1 for group_findings in findings.values() if rule in {f.rule for f in group_findings}
    )
    assert 1 <= failing < len(findings) / 2


# --- logins --------------------------------------------------------------------------------


def login(email: str) -> User:
    user = User.objects.get(email=email)
    assert user.check_password(PASSWORD)
    return user


def test_it_creates_a_secretariat_login_that_may_use_the_admin(seeded):
    user = login("sekretariat@rkkp.example")
    assert user.roles.secretariat
    assert user.is_staff


@pytest.mark.parametrize("code", REGION_CODES)
def test_it_creates_one_administrator_login_per_region(seeded, code):
    user = login(f"admin.{code}@rkkp.example")
    assert user.roles.admin_region_id == Region.objects.get(code=code).pk
    assert not user.roles.secretariat


def test_it_seats_a_login_in_the_health_directors_circle(seeded):
    user = login("direktoerkreds@rkkp.example")
    assert user.roles.circle
    assert not user.roles.secretariat


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("formand@rkkp.example", Role.CHAIR),
        ("ledelse@rkkp.example", Role.LEADERSHIP),
        ("medlem@rkkp.example", Role.MEMBER),
    ],
)
def test_member_logins_belong_to_people_with_an_active_seat_of_their_role(seeded, email, role):
    user = login(email)
    assert user.roles.person_id is not None
    assert active_seats().filter(person_id=user.roles.person_id, role=role).exists()
    assert not user.roles.is_staff_role


DEMO_DASHBOARDS = {
    "sekretariat@rkkp.example": "secretariat",
    **{f"admin.{code}@rkkp.example": "region" for code in REGION_CODES},
    "direktoerkreds@rkkp.example": "circle",
    "formand@rkkp.example": "member",
    "ledelse@rkkp.example": "member",
    "medlem@rkkp.example": "member",
}


@pytest.mark.parametrize(("email", "section"), list(DEMO_DASHBOARDS.items()))
def test_each_demo_login_signs_in_and_sees_its_own_dashboard(seeded, client, email, section):
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, email
    response = client.get("/")
    assert response.status_code == 200
    data = response.context[section]
    if section == "secretariat":
        assert data["group_count"] >= 85 and data["compliant_count"] < data["group_count"]
    elif section == "region":
        assert data["region"].code == email.split(".")[1].split("@")[0]
        assert data["seat_count"] > 0
    elif section == "circle":
        assert data["lacking_leadership"]
    else:
        assert data["my_seats"] and data["invitations"] is not None
    # Nobody sees another role's section by accident.
    others = {"secretariat", "region", "circle", "member"} - {section}
    assert not any(other in response.context for other in others)


def test_it_prints_every_login_and_the_password(seeded):
    emails = [
        "sekretariat@rkkp.example",
        *(f"admin.{code}@rkkp.example" for code in REGION_CODES),
        "direktoerkreds@rkkp.example",
        "formand@rkkp.example",
        "ledelse@rkkp.example",
        "medlem@rkkp.example",
    ]
    assert all(email in seeded for email in emails)
    assert PASSWORD in seeded


def test_only_the_demo_logins_and_the_leader_the_circle_appointed_get_logins_and_letters(
    seeded,
):
    # Appointed through the circle's approval, the new leader is welcomed with a login.
    leader = LeadershipNomination.objects.get(status="approved").person
    logins = set(Person.objects.filter(user__isnull=False).values_list("user__email", flat=True))
    assert logins == {
        "formand@rkkp.example",
        "ledelse@rkkp.example",
        "medlem@rkkp.example",
        leader.email,
    }
    # The two decided nominations write to the candidate and the proposer; the approved
    # candidate is welcomed to the group.
    kinds = Counter(apps.get_model("steering", "Message").objects.values_list("kind", flat=True))
    assert kinds == {"nomination_decision": 4, "welcome": 1}


# --- work in progress a newcomer can follow -------------------------------------------------


def test_buy_out_agreements_are_in_every_state(seeded):
    statuses = Counter(BuyOutAgreement.objects.values_list("status", flat=True))
    assert set(statuses) == set(BuyOutAgreement.Status.values)
    assert not BuyOutAgreement.objects.filter(status="rejected", reasoning="").exists()
    decided = BuyOutAgreement.objects.exclude(status="proposed")
    assert not decided.filter(decided_by=None).exists()
    assert all(a.membership.role == Role.CHAIR for a in BuyOutAgreement.objects.all())


def test_some_seats_have_their_employers_backing_and_some_have_not(seeded):
    held = active_seats().filter(person__region__isnull=False)
    backed = held.filter(employer_backing__isnull=False).count()
    assert held.count() / 2 < backed < held.count()
    assert not EmployerBacking.objects.filter(confirmed_by="").exists()


def test_some_patient_representatives_consent_to_be_listed_and_some_do_not(seeded):
    patients = Person.objects.filter(
        memberships__in=active_seats().filter(role=Role.PATIENT)
    ).distinct()
    consenting = patients.filter(listing_consent_at__isnull=False).count()
    assert 0 < consenting < patients.count()


def test_most_members_have_declared_this_year_and_some_have_not(seeded):
    year = timezone.localdate().year
    declared = Declaration.objects.filter(year=year, submitted_at__isnull=False)
    assert declared.filter(nothing_to_declare=True).exists()
    assert declared.filter(nothing_to_declare=False).exclude(boards="").exists()
    assert missing_declarations(year).exists()
    members = Person.objects.filter(memberships__in=active_seats()).distinct().count()
    assert members / 2 < declared.count() < members


def test_nominations_wait_for_the_circle_and_some_are_decided(seeded):
    nominations = LeadershipNomination.objects.all()
    statuses = Counter(nominations.values_list("status", flat=True))
    assert statuses == {"proposed": 2, "approved": 1, "rejected": 1}
    circle = User.objects.get(email="direktoerkreds@rkkp.example")
    assert not nominations.exclude(status="proposed").exclude(decided_by=circle).exists()
    approved = nominations.get(status="approved")
    assert approved.membership.role == Role.LEADERSHIP and approved.membership.status == "active"
    assert not nominations.filter(proposed_by=None).exists()


# --- running it again, and at scale --------------------------------------------------------


def test_running_it_again_changes_nothing_and_prints_the_logins_again(seeded):
    before = row_counts()
    output = seed()
    assert row_counts() == before
    assert "formand@rkkp.example" in output


def test_scale_two_doubles_the_databases_with_distinct_names_and_slugs(seeded):
    databases = ClinicalDatabase.objects.count()
    seed(scale=2)
    assert ClinicalDatabase.objects.count() == 2 * databases
    copy = ClinicalDatabase.objects.get(slug="dbcg-demo-2")
    assert copy.name.endswith(" (demo 2)")
    assert copy.steering_group.memberships.active().exists()


def test_a_benchmark_copy_breaks_the_same_rules_and_keeps_history(seeded):
    before = summary(findings_for_groups(SteeringGroup.objects.all()))
    seed(scale=2)
    after = summary(findings_for_groups(SteeringGroup.objects.all()))
    # The copy has no work in progress: no nomination approved, so one more group without
    # a leadership representative than in the first copy.
    expected = {rule: 2 * count for rule, count in before.items()}
    expected["leadership"] += 1
    assert after == expected
    seats = Membership.objects.filter(group__database__slug__endswith="-demo-2")
    assert Membership.history.filter(id__in=seats.values("pk")).count() >= seats.count()


def test_a_copy_gets_the_same_people_every_time(seeded):
    def people_of_copy_two() -> list[tuple]:
        rng = random.Random(seeding.SEED * 1000 + 2)
        directory = Directory()
        directory.ensure_base()
        people = PeopleMaker(rng, used_emails(), batch=True)  # never flushed: nothing saved
        composer = Composer(directory=directory, people=people, rng=rng, history=False)
        seats = [
            seat
            for index, spec in enumerate(seeding.catalogue_copy(2))
            for seat in composer.seats(spec, Plan.for_index(index))
        ]
        return [(s.person.email, s.person.title, s.role) for s in seats]

    assert people_of_copy_two() == people_of_copy_two()


def test_a_failed_run_leaves_nothing_behind(seeded, monkeypatch):
    before = row_counts()
    build = seeding.GroupBuilder.build

    def build_then_fail(self, index, spec):
        if index == 3:
            raise RuntimeError("the database went away")
        return build(self, index, spec)

    monkeypatch.setattr(seeding.GroupBuilder, "build", build_then_fail)
    with pytest.raises(RuntimeError):
        seed(scale=2)
    assert row_counts() == before
