"""Anonymising a person who left every group long ago: who is due, what goes, what stays."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from regions.models import EmployerBacking
from rkkp_portal.accounts.models import User
from steering.models import CalendarToken, Declaration, Membership, Message, Person
from steering.privacy.eligibility import people_due_for_anonymisation
from steering.privacy.services import anonymise_person, anonymised_name, apply_retention
from tests import factories
from tests.privacy.conftest import (
    OLD_EMAIL,
    OLD_FIRST,
    OLD_LAST,
    OLD_PHONE,
    SECRET_DECLARATION,
    make_everything,
)

pytestmark = pytest.mark.django_db

TRACES = (OLD_FIRST, OLD_LAST, OLD_EMAIL, OLD_PHONE, SECRET_DECLARATION)


def hits(needle: str, model_filter=lambda model: True) -> list[str]:
    """Every row in any table (of the selected models) whose text contains ``needle``."""
    found = []
    for model in apps.get_models():
        if not model_filter(model) or not model._meta.managed:
            continue
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        if not text_fields:
            continue
        condition = models.Q()
        for name in text_fields:
            condition |= models.Q(**{f"{name}__icontains": needle})
        count = model._default_manager.filter(condition).count()
        if count:
            found.append(f"{model._meta.label}: {count}")
    return found


def is_historical(model) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "instance_type")


def ended_seat(days_ago: int, **person_fields) -> Membership:
    today = timezone.localdate()
    seat = factories.MembershipFactory(
        term_start=today - datetime.timedelta(days=days_ago + 400),
        term_end=today - datetime.timedelta(days=days_ago + 10),
        status="ended",
        ended_on=today - datetime.timedelta(days=days_ago),
        **{f"person__{k}": v for k, v in person_fields.items()},
    )
    Person.objects.filter(pk=seat.person_id).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago + 500)
    )
    return seat


# --- who is due ------------------------------------------------------------------------


def test_the_boundary_is_the_configured_number_of_days(settings):
    settings.ANONYMISE_AFTER_DAYS = 100
    just_past = ended_seat(101).person
    exactly = ended_seat(100).person
    recent = ended_seat(99).person
    due = set(people_due_for_anonymisation())
    assert just_past in due
    assert exactly not in due and recent not in due


def test_one_seat_still_running_keeps_the_person(settings, group):
    settings.ANONYMISE_AFTER_DAYS = 100
    person = ended_seat(500).person
    factories.MembershipFactory(person=person, group=group, status="proposed")
    assert person not in people_due_for_anonymisation()


def test_someone_registered_recently_is_not_due_even_with_old_seats(settings):
    settings.ANONYMISE_AFTER_DAYS = 100
    seat = ended_seat(500)
    Person.objects.filter(pk=seat.person_id).update(created_at=timezone.now())
    assert seat.person not in people_due_for_anonymisation()


@pytest.mark.parametrize(
    "keeps",
    [
        "open_nomination",
        "recent_decision",
        "unanswered_request",
        "running_buyout",
        "secretariat_login",
        "regional_administrator",
        "circle",
        "recent_login",
        "support_contact",
    ],
)
def test_what_keeps_a_former_member_in_the_register(settings, keeps, group, circle_member):
    from regions.models import (
        AppointmentRequest,
        BuyOutAgreement,
        RegionalAdministrator,
        SupportContact,
    )
    from representatives.models import CircleMember, LeadershipNomination

    settings.ANONYMISE_AFTER_DAYS = 100
    seat = ended_seat(500)
    person = seat.person
    assert person in people_due_for_anonymisation()
    user = factories.UserFactory(email=person.email)
    if keeps in ("secretariat_login", "regional_administrator", "circle", "recent_login"):
        Person.objects.filter(pk=person.pk).update(user=user)
        assert person in people_due_for_anonymisation()
    now = timezone.now()
    if keeps == "open_nomination":
        LeadershipNomination.objects.create(
            person=person, group=group, proposed_by=circle_member, motivation="x"
        )
    elif keeps == "recent_decision":
        LeadershipNomination.objects.create(
            person=person,
            group=group,
            proposed_by=circle_member,
            motivation="x",
            status="rejected",
            decided_by=circle_member,
            decided_at=now - datetime.timedelta(days=50),
        )
    elif keeps == "unanswered_request":
        AppointmentRequest.objects.create(
            group=seat.group,
            region=factories.region("hovedstaden"),
            reason="x",
            due_on=timezone.localdate(),
            status="escalated",
            membership=seat,
        )
    elif keeps == "running_buyout":
        BuyOutAgreement.objects.create(
            membership=seat,
            employer=person.employer,
            starts_on=seat.term_start,
            ends_on=seat.term_end,
            hours_per_month=5,
            annual_amount_dkk=1,
            status="active",
            decided_by=factories.make_secretariat(),
            decided_at=timezone.now(),
        )
    elif keeps == "secretariat_login":
        User.objects.filter(pk=user.pk).update(is_secretariat=True)
    elif keeps == "regional_administrator":
        RegionalAdministrator.objects.create(user=user, region=factories.region("syddanmark"))
    elif keeps == "circle":
        CircleMember.objects.create(user=user)
    elif keeps == "recent_login":
        User.objects.filter(pk=user.pk).update(last_login=now - datetime.timedelta(days=3))
    elif keeps == "support_contact":
        SupportContact.objects.create(
            region=factories.region("hovedstaden"),
            kind="lis",
            name="LIS",
            email=person.email.upper(),
        )
    assert person not in people_due_for_anonymisation()


# --- what anonymising does -------------------------------------------------------------


def test_the_person_keeps_seats_but_loses_everything_that_identifies(everything, client):
    person, user = everything.person, everything.user
    assert anonymise_person(actor=None, person=person) is True

    person.refresh_from_db()
    assert person.anonymised_at is not None
    # "Anonymiseret person <id>" once the Danish translation is in: the site's language.
    assert person.full_name == anonymised_name(person) and str(person.pk) in person.full_name
    assert (person.email, person.phone, person.title) == ("", "", "")
    assert person.employer is None and person.user is None and person.listing_consent_at is None
    assert person.region is not None and person.profession == "physician"  # for statistics
    seat = Membership.objects.get(pk=everything.seat.pk)
    assert seat.person == person and seat.status == "ended" and seat.end_reason == ""
    assert seat.term_limit_exception == ""

    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert user.email == f"anonymised-{user.pk}@invalid"
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.login(email=OLD_EMAIL, password="correct horse battery") is False

    declaration = Declaration.objects.get(pk=everything.declaration.pk)
    assert declaration.financial_interests == "" and declaration.year == everything.declaration.year
    assert not CalendarToken.objects.filter(person=person).exists()
    letter = Message.objects.get(pk=everything.letter.pk)
    assert (letter.recipient_email, letter.body_text, letter.body_html) == ("", "", "")
    assert letter.subject == "Velkommen" and letter.status == "sent"
    assert letter.body_cleared_at is not None
    assert EmployerBacking.objects.get(membership=seat).confirmed_by == "—"
    assert LogEntry.objects.get(object_id=str(person.pk)).object_repr == person.full_name


def test_no_table_still_holds_the_name_the_address_or_the_declaration(everything):
    assert hits(OLD_LAST)  # the search finds them before
    anonymise_person(actor=None, person=everything.person)
    for needle in TRACES:
        assert hits(needle) == [], needle


def test_the_history_tables_hold_none_of_it_either(everything):
    """The historical rows, queried directly: zero hits for the old name and e-mail."""
    before = {needle: hits(needle, is_historical) for needle in TRACES}
    assert before[OLD_LAST] and before[OLD_EMAIL] and before[SECRET_DECLARATION]
    anonymise_person(actor=None, person=everything.person)
    after = {needle: hits(needle, is_historical) for needle in TRACES}
    assert after == {needle: [] for needle in TRACES}
    # The change itself is on record, by the system, without the old values.
    last = Person.history.filter(id=everything.person.pk).latest("history_date")
    assert last.history_change_reason == "anonymised" and last.history_user is None


def test_anonymising_twice_changes_nothing(everything):
    assert anonymise_person(actor=None, person=everything.person) is True
    rows = Person.history.filter(id=everything.person.pk).count()
    stamp = Person.objects.get(pk=everything.person.pk).anonymised_at
    assert anonymise_person(actor=None, person=everything.person) is False
    assert Person.history.filter(id=everything.person.pk).count() == rows
    assert Person.objects.get(pk=everything.person.pk).anonymised_at == stamp
    assert apply_retention().anonymised == 0


def test_two_anonymised_people_do_not_collide_on_unique_addresses(group, other_group):
    first = make_everything(group)
    second = make_everything(other_group, email="second." + OLD_EMAIL)
    assert apply_retention().anonymised == 2
    names = set(Person.objects.filter(anonymised_at__isnull=False).values_list("last_name"))
    assert len(names) == 2
    assert first.user.pk != second.user.pk


def test_a_recent_letter_about_a_namesake_keeps_its_text(everything):
    namesake_letter = Message.objects.create(
        kind="term_alert",
        idempotency_key="namesake",
        recipient_email="admin@region.example",
        subject="Udløb",
        body_text=f"{OLD_FIRST} {OLD_LAST} (a namesake who joined this year)",
        status="sent",
        sent_at=timezone.now(),
    )
    anonymise_person(actor=None, person=everything.person)
    assert Message.objects.get(pk=namesake_letter.pk).body_text.startswith(OLD_FIRST)
    old_about = Message.objects.get(pk=everything.letter_about.pk)
    assert old_about.body_text == "" and OLD_LAST not in old_about.subject


def test_only_the_secretariat_may_anonymise_by_hand(member_seat, member, secretariat):
    with pytest.raises(PermissionDenied):
        anonymise_person(actor=member, person=member_seat.person)
    assert anonymise_person(actor=secretariat, person=member_seat.person) is True


def test_the_anonymised_person_page_says_so(client, secretariat, everything):
    anonymise_person(actor=None, person=everything.person)
    client.force_login(secretariat)
    response = client.get(everything.person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This person was anonymised on" in response.content.decode()
    assert OLD_LAST not in response.content.decode()


def test_the_job_checks_again_under_the_lock(everything, group):
    """A seat given after the job listed the person (a race) keeps them in the register."""
    factories.MembershipFactory(person=everything.person, group=factories.GroupFactory())
    assert anonymise_person(actor=None, person=everything.person, only_if_due=True) is False
    assert Person.objects.get(pk=everything.person.pk).anonymised_at is None
