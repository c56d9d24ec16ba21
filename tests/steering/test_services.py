"""The write services: register_person, appoint_member, end_membership, create_database,
schedule_meeting. Factories set the scene; the behaviour under test goes through the
service, as views and imports do."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from steering.meetings.services import schedule_meeting
from steering.models import ClinicalDatabase, Invitation, Meeting, Membership, Person
from steering.register.services.databases import create_database
from steering.register.services.memberships import (
    appoint_member,
    default_term_end,
    end_membership,
    register_person,
)
from tests import factories

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def candidate(hovedstaden):
    return factories.PersonFactory(employer__region=hovedstaden)


def appoint(actor, person, group, **fields) -> Membership:
    fields.setdefault("role", Membership.Role.MEMBER)
    fields.setdefault("term_start", START)
    return appoint_member(actor=actor, person=person, group=group, **fields)


# --- appoint_member -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term_start", "term_end"),
    [
        (datetime.date(2024, 1, 1), datetime.date(2027, 12, 31)),
        (datetime.date(2024, 3, 1), datetime.date(2028, 2, 29)),
        (datetime.date(2024, 2, 29), datetime.date(2028, 2, 28)),
        # 2100 is no leap year: the anniversary is taken as 28 February, the term ends
        # the day before, so a successor starting on the anniversary follows seamlessly.
        (datetime.date(2096, 2, 29), datetime.date(2100, 2, 27)),
    ],
)
def test_a_term_lasts_four_years_to_the_day_before_the_anniversary(term_start, term_end):
    assert default_term_end(term_start) == term_end


def test_it_gives_a_seat_without_a_planned_end_the_default_four_year_term(
    secretariat, group, candidate, hovedstaden
):
    seat = appoint(
        secretariat,
        candidate,
        group,
        representing_region=hovedstaden,
        term_start=datetime.date(2024, 2, 29),
    )

    seat.refresh_from_db()
    assert seat.term_end == datetime.date(2028, 2, 28)


def test_it_keeps_a_planned_end_it_is_given(secretariat, group, candidate, hovedstaden):
    seat = appoint(
        secretariat,
        candidate,
        group,
        representing_region=hovedstaden,
        term_end=datetime.date(2025, 6, 30),
    )

    assert seat.term_end == datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("role", "body"),
    [
        (Membership.Role.CHAIR, Membership.AppointingBody.RKKP),
        (Membership.Role.MEMBER, Membership.AppointingBody.REGION),
        (Membership.Role.SOCIETY, Membership.AppointingBody.SOCIETY),
        (Membership.Role.PATIENT, Membership.AppointingBody.PATIENT_ORGANISATION),
        (Membership.Role.LEADERSHIP, Membership.AppointingBody.CIRCLE),
        (Membership.Role.MUNICIPAL, Membership.AppointingBody.MUNICIPALITIES),
        (Membership.Role.OBSERVER, Membership.AppointingBody.RKKP),
    ],
)
def test_it_defaults_the_appointing_body_by_role(
    secretariat, group, candidate, hovedstaden, role, body
):
    seat = appoint(secretariat, candidate, group, role=role, representing_region=hovedstaden)

    assert seat.appointing_body == body


def test_it_keeps_an_appointing_body_it_is_given(secretariat, group, candidate, hovedstaden):
    seat = appoint(
        secretariat,
        candidate,
        group,
        representing_region=hovedstaden,
        appointing_body=Membership.AppointingBody.GENERAL_PRACTICE,
    )

    assert seat.appointing_body == Membership.AppointingBody.GENERAL_PRACTICE


def test_it_records_the_actor_in_the_seats_history(
    admin_hovedstaden, group, candidate, hovedstaden
):
    seat = appoint(admin_hovedstaden, candidate, group, representing_region=hovedstaden)

    record = seat.history.get()
    assert record.history_type == "+"
    assert record.history_user == admin_hovedstaden


def test_the_login_given_with_a_first_seat_is_recorded_as_the_appointing_actors_change(
    admin_hovedstaden, group, candidate, hovedstaden
):
    assert candidate.user_id is None

    appoint(admin_hovedstaden, candidate, group, representing_region=hovedstaden)

    candidate.refresh_from_db()
    assert candidate.user is not None
    linked = candidate.history.filter(user_id=candidate.user_id).earliest("history_date")
    assert linked.history_user == admin_hovedstaden


def test_a_second_seat_in_the_same_group_is_a_validation_error(secretariat, member_seat):
    with pytest.raises(ValidationError) as excinfo:
        appoint(
            secretariat,
            member_seat.person,
            member_seat.group,
            role=Membership.Role.OBSERVER,
        )

    assert excinfo.value.messages == ["This person already has a seat in this steering group."]
    assert Membership.objects.filter(person=member_seat.person).count() == 1


def test_a_race_that_slips_past_full_clean_still_ends_as_a_validation_error(
    secretariat, member_seat, monkeypatch
):
    # Two requests both pass full_clean; the database constraint decides the second.
    monkeypatch.setattr(Membership, "full_clean", lambda self, *args, **kwargs: None)

    with pytest.raises(ValidationError) as excinfo:
        appoint(
            secretariat,
            member_seat.person,
            member_seat.group,
            role=Membership.Role.OBSERVER,
        )

    assert excinfo.value.code == "one_current_seat_per_person_and_group"
    assert excinfo.value.messages == ["This person already has a seat in this steering group."]
    # The connection is still usable and nothing was written.
    assert Membership.objects.filter(person=member_seat.person).count() == 1


def test_a_new_seat_cannot_start_out_ended(secretariat, group, candidate, hovedstaden):
    with pytest.raises(ValidationError):
        appoint(
            secretariat,
            candidate,
            group,
            representing_region=hovedstaden,
            status=Membership.Status.ENDED,
        )

    assert not Membership.objects.filter(person=candidate).exists()


def test_a_regional_administrator_may_appoint_a_seat_representing_their_region(
    admin_hovedstaden, group, hovedstaden
):
    # The candidate's employer does not matter; the seat's region does.
    person = factories.PersonFactory(employer__region=factories.region("nordjylland"))

    seat = appoint(admin_hovedstaden, person, group, representing_region=hovedstaden)

    assert seat.pk is not None
    assert seat.representing_region == hovedstaden


@pytest.mark.parametrize(
    ("role", "region_code"),
    [
        (Membership.Role.MEMBER, "syddanmark"),
        (Membership.Role.CHAIR, None),
        (Membership.Role.PATIENT, None),
    ],
    ids=["another region", "a chair without a region", "a patient seat without a region"],
)
def test_a_regional_administrator_may_not_appoint_a_seat_outside_their_region(
    admin_hovedstaden, group, candidate, role, region_code
):
    region = factories.region(region_code) if region_code else None

    with pytest.raises(PermissionDenied):
        appoint(admin_hovedstaden, candidate, group, role=role, representing_region=region)

    assert not Membership.objects.exists()
    assert not Membership.history.exists()


@pytest.mark.parametrize(
    ("role", "region_code"),
    [
        (Membership.Role.MEMBER, "syddanmark"),
        (Membership.Role.MEMBER, "hovedstaden"),
        (Membership.Role.CHAIR, None),
        (Membership.Role.LEADERSHIP, "midtjylland"),
        (Membership.Role.OBSERVER, None),
    ],
)
def test_the_secretariat_may_appoint_any_seat(secretariat, group, candidate, role, region_code):
    region = factories.region(region_code) if region_code else None

    seat = appoint(secretariat, candidate, group, role=role, representing_region=region)

    assert seat.status == Membership.Status.ACTIVE
    assert seat.history.get().history_user == secretariat


# --- end_membership -------------------------------------------------------------------------


def test_ending_a_seat_records_status_date_and_reason(secretariat, member_seat):
    end_membership(
        actor=secretariat,
        membership=member_seat,
        ended_on=datetime.date(2025, 1, 31),
        reason="  Moved to another hospital  ",
    )

    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ENDED
    assert member_seat.ended_on == datetime.date(2025, 1, 31)
    assert member_seat.end_reason == "Moved to another hospital"
    assert member_seat.history.first().history_user == secretariat


def test_a_seat_ends_today_unless_told_otherwise(secretariat, member_seat, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 2, 3))

    ended = end_membership(actor=secretariat, membership=member_seat, reason="Retired")

    assert ended.ended_on == datetime.date(2025, 2, 3)


@pytest.mark.parametrize("reason", ["", "   "])
def test_ending_a_seat_needs_a_reason(secretariat, member_seat, reason):
    with pytest.raises(ValidationError) as excinfo:
        end_membership(actor=secretariat, membership=member_seat, reason=reason)

    assert list(excinfo.value.message_dict) == ["end_reason"]
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE


def test_a_seat_cannot_be_ended_twice(secretariat, member_seat):
    end_membership(actor=secretariat, membership=member_seat, reason="Retired")

    # The caller still holds the stale, active copy; the service re-reads the row.
    with pytest.raises(ValidationError) as excinfo:
        end_membership(actor=secretariat, membership=member_seat, reason="Retired again")

    assert excinfo.value.code == "already_ended"
    member_seat.refresh_from_db()
    assert member_seat.end_reason == "Retired"


def test_a_seat_cannot_end_before_its_term_started(secretariat, member_seat):
    history_before = member_seat.history.count()

    with pytest.raises(ValidationError) as excinfo:
        end_membership(
            actor=secretariat,
            membership=member_seat,
            ended_on=member_seat.term_start - datetime.timedelta(days=1),
            reason="Entered by mistake",
        )

    assert "The end date cannot be earlier than the start of the term." in (excinfo.value.messages)
    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ACTIVE
    assert member_seat.ended_on is None
    assert member_seat.history.count() == history_before


def test_a_regional_administrator_may_end_a_seat_representing_their_region(
    admin_hovedstaden, member_seat
):
    end_membership(actor=admin_hovedstaden, membership=member_seat, reason="Retired")

    member_seat.refresh_from_db()
    assert member_seat.status == Membership.Status.ENDED
    assert member_seat.history.first().history_user == admin_hovedstaden


@pytest.mark.parametrize("seat", ["member_seat", "chair_seat"])
def test_an_administrator_of_another_region_may_not_end_a_seat(request, admin_syddanmark, seat):
    membership = request.getfixturevalue(seat)

    with pytest.raises(PermissionDenied):
        end_membership(actor=admin_syddanmark, membership=membership, reason="Retired")

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_a_member_may_not_end_their_own_seat(member, member_seat):
    with pytest.raises(PermissionDenied):
        end_membership(actor=member, membership=member_seat, reason="I quit")


# --- register_person ------------------------------------------------------------------------


def test_a_persons_region_follows_their_employer(secretariat, syddanmark):
    employer = factories.OrganisationFactory(region=syddanmark)

    person = register_person(
        actor=secretariat, first_name="Søren", last_name="Madsen", employer=employer
    )

    person.refresh_from_db()
    assert person.region == syddanmark


def test_a_person_without_an_employer_has_no_region(secretariat):
    person = register_person(actor=secretariat, first_name="Lise", last_name="Holm")

    assert person.region is None
    assert person.leadership_level == "none"


def test_it_stores_the_email_trimmed_and_lower_case(secretariat):
    person = register_person(
        actor=secretariat,
        first_name=" Karen ",
        last_name="Jensen ",
        email="  Karen.Jensen@Rigshospitalet.DK ",
    )

    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Karen", "Jensen")
    assert person.email == "karen.jensen@rigshospitalet.dk"


def test_it_records_the_actor_in_the_persons_history(secretariat):
    person = register_person(actor=secretariat, first_name="Lise", last_name="Holm")

    assert person.history.get().history_user == secretariat


@pytest.mark.parametrize(
    "existing", ["karen.jensen@hospital.example", "Karen.Jensen@Hospital.EXAMPLE"]
)
def test_an_email_that_differs_only_in_case_is_a_validation_error(secretariat, existing):
    factories.PersonFactory(email=existing)

    with pytest.raises(ValidationError):
        register_person(
            actor=secretariat,
            first_name="Karen",
            last_name="Jensen",
            email="KAREN.JENSEN@hospital.example",
        )

    assert Person.objects.count() == 1


def test_an_email_race_that_slips_past_full_clean_is_a_validation_error(secretariat, monkeypatch):
    factories.PersonFactory(email="karen@hospital.example")
    monkeypatch.setattr(Person, "full_clean", lambda self, *args, **kwargs: None)

    with pytest.raises(ValidationError) as excinfo:
        register_person(
            actor=secretariat, first_name="Karen", last_name="J", email="Karen@Hospital.example"
        )

    assert excinfo.value.code == "unique_person_email"
    assert Person.objects.count() == 1


def test_people_may_be_registered_without_email_again_and_again(secretariat):
    for first_name in ("Anna", "Bo"):
        register_person(actor=secretariat, first_name=first_name, last_name="Holm")

    assert Person.objects.filter(email="").count() == 2


def test_a_regional_administrator_may_register_a_person_employed_in_their_region(
    admin_hovedstaden, hovedstaden
):
    employer = factories.OrganisationFactory(region=hovedstaden)

    person = register_person(
        actor=admin_hovedstaden, first_name="Ida", last_name="Lund", employer=employer
    )

    assert person.region == hovedstaden


def test_a_member_may_not_register_people(member, hovedstaden):
    employer = factories.OrganisationFactory(region=hovedstaden)

    with pytest.raises(PermissionDenied):
        register_person(actor=member, first_name="Ida", last_name="Lund", employer=employer)


@pytest.mark.parametrize(
    "actor",
    [
        "admin_syddanmark",
        "circle_member",
    ],
)
def test_only_the_secretariat_and_the_employing_regions_administrator_may_register_a_person(
    request, actor, hovedstaden
):
    user = request.getfixturevalue(actor)
    employer = factories.OrganisationFactory(region=hovedstaden)

    with pytest.raises(PermissionDenied):
        register_person(actor=user, first_name="Ida", last_name="Lund", employer=employer)

    assert not Person.objects.filter(last_name="Lund").exists()


# --- create_database ------------------------------------------------------------------------


def test_creating_a_database_creates_its_steering_group(secretariat):
    database = create_database(
        actor=secretariat,
        name="  Dansk Hoftealloplastik Register ",
        acronym="DHR",
        disease_area="Hofteproteser",
    )

    database.refresh_from_db()
    assert database.name == "Dansk Hoftealloplastik Register"
    assert database.slug == "dhr"
    group = database.steering_group
    assert group.requires_all_regions
    assert group.requires_leadership_representative
    assert group.min_patient_representatives == 2
    assert group.full_day_meetings_per_year == 2
    assert database.history.get().history_user == secretariat
    assert group.history.get().history_user == secretariat


def test_a_database_with_a_name_already_taken_is_a_validation_error(secretariat):
    factories.DatabaseFactory(name="Dansk Apopleksiregister", slug="dap")

    with pytest.raises(ValidationError) as excinfo:
        create_database(
            actor=secretariat, name="Dansk Apopleksiregister", slug="dap2", disease_area="Stroke"
        )

    assert "name" in excinfo.value.message_dict


@pytest.mark.parametrize("actor", ["admin_hovedstaden", "circle_member", "chair"])
def test_only_the_secretariat_may_create_a_database(request, actor):
    user = request.getfixturevalue(actor)
    before = ClinicalDatabase.objects.count()

    with pytest.raises(PermissionDenied):
        create_database(actor=user, name="Dansk Testregister", disease_area="Test")

    assert ClinicalDatabase.objects.count() == before


# --- schedule_meeting -----------------------------------------------------------------------


def next_month(hours: int = 0) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=30, hours=hours)


def schedule(actor, group, **fields) -> Meeting:
    fields.setdefault("kind", Meeting.Kind.FULL_DAY)
    fields.setdefault("starts_at", next_month())
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=6))
    return schedule_meeting(actor=actor, group=group, **fields)


def test_it_invites_every_active_member_and_nobody_else(
    secretariat, group, member_seat, chair_seat, outsider_seat
):
    ended = factories.MembershipFactory(
        group=group, status=Membership.Status.ENDED, ended_on=datetime.date(2024, 6, 30)
    )
    proposed = factories.MembershipFactory(group=group, status=Membership.Status.PROPOSED)

    meeting = schedule(secretariat, group)

    invited = set(meeting.invitations.values_list("person_id", flat=True))
    assert invited == {member_seat.person_id, chair_seat.person_id}
    assert ended.person_id not in invited
    assert proposed.person_id not in invited
    assert outsider_seat.person_id not in invited
    assert meeting.status == Meeting.Status.PLANNED


def test_a_reappointed_member_is_invited_once(secretariat, group):
    old = factories.MembershipFactory(
        group=group,
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2023, 12, 31),
        status=Membership.Status.ENDED,
        ended_on=datetime.date(2023, 12, 31),
    )
    factories.MembershipFactory(group=group, person=old.person, term_number=2)

    meeting = schedule(secretariat, group)

    assert list(meeting.invitations.values_list("person_id", flat=True)) == [old.person_id]


def test_it_records_the_actor_on_the_meeting_and_its_invitations(secretariat, member_seat):
    meeting = schedule(secretariat, member_seat.group)

    assert meeting.history.get().history_user == secretariat
    invitation = meeting.invitations.get()
    assert invitation.history.get().history_user == secretariat


def test_a_new_meeting_cannot_start_in_the_past(secretariat, group, member_seat):
    starts_at = timezone.now() - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as excinfo:
        schedule(secretariat, group, starts_at=starts_at)

    assert list(excinfo.value.message_dict) == ["starts_at"]
    assert not Meeting.objects.exists()


def test_a_meeting_already_held_may_be_recorded_with_allow_past(secretariat, group, member_seat):
    starts_at = timezone.now() - datetime.timedelta(days=40)

    meeting = schedule(secretariat, group, starts_at=starts_at, allow_past=True)

    assert meeting.status == Meeting.Status.HELD
    assert meeting.invitations.count() == 1


@pytest.mark.parametrize("hours", [0, -1], ids=["ends when it starts", "ends before"])
def test_a_meeting_must_end_after_it_starts(secretariat, group, member_seat, hours):
    starts_at = next_month()

    with pytest.raises(ValidationError) as excinfo:
        schedule(
            secretariat,
            group,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=hours),
        )

    assert "The meeting must end after it starts." in excinfo.value.messages
    assert not Meeting.objects.exists()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("actor", ["admin_hovedstaden", "circle_member", "chair"])
def test_only_the_secretariat_may_schedule_a_meeting(request, group, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        schedule(user, group)

    assert not Meeting.objects.exists()
