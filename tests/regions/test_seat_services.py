"""Appoint, replace and end: the services refuse another region whoever calls them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regions import services
from regions.models import AppointmentRequest
from steering.models import Membership, Message, Person
from tests import factories

START = datetime.date(2026, 12, 1)


def test_an_admin_appoints_an_existing_employee_to_represent_their_region(
    admin_hovedstaden, hovedstaden, group, employee_hovedstaden
):
    seat = services.appoint_in_region(
        actor=admin_hovedstaden,
        region=hovedstaden,
        group=group,
        person=employee_hovedstaden,
        term_start=START,
    )
    assert seat.role == "member"
    assert seat.representing_region == hovedstaden
    assert seat.history.first().history_user == admin_hovedstaden
    assert Message.objects.filter(kind="welcome", recipient_person=employee_hovedstaden).exists()


def test_an_admin_appoints_a_new_person_with_work_details(
    admin_hovedstaden, hovedstaden, group, hospital_hovedstaden
):
    seat = services.appoint_in_region(
        actor=admin_hovedstaden,
        region=hovedstaden,
        group=group,
        new_person={
            "first_name": "Ny",
            "last_name": "Person",
            "email": "ny@hospital.example",
            "title": "Overlæge",
            "profession": "physician",
            "phone": "",
            "employer": hospital_hovedstaden,
        },
        term_start=START,
    )
    assert seat.person.region == hovedstaden
    assert seat.person.employer == hospital_hovedstaden


def test_it_refuses_to_appoint_for_another_region(
    admin_syddanmark, hovedstaden, group, employee_hovedstaden
):
    with pytest.raises(PermissionDenied):
        services.appoint_in_region(
            actor=admin_syddanmark,
            region=hovedstaden,
            group=group,
            person=employee_hovedstaden,
            term_start=START,
        )
    assert not Membership.objects.filter(person=employee_hovedstaden).exists()


def test_it_refuses_a_person_employed_in_another_region(
    admin_hovedstaden, hovedstaden, group, employee_syddanmark
):
    with pytest.raises(ValidationError) as error:
        services.appoint_in_region(
            actor=admin_hovedstaden,
            region=hovedstaden,
            group=group,
            person=employee_syddanmark,
            term_start=START,
        )
    assert "person" in error.value.message_dict
    assert not Membership.objects.filter(person=employee_syddanmark).exists()


def test_it_refuses_a_new_person_with_a_workplace_in_another_region(
    admin_hovedstaden, hovedstaden, group, hospital_syddanmark
):
    with pytest.raises((ValidationError, PermissionDenied)):
        services.appoint_in_region(
            actor=admin_hovedstaden,
            region=hovedstaden,
            group=group,
            new_person={
                "first_name": "Ny",
                "last_name": "Person",
                "email": "",
                "title": "",
                "profession": "",
                "phone": "",
                "employer": hospital_syddanmark,
            },
            term_start=START,
        )
    assert not Person.objects.filter(first_name="Ny").exists()


def test_an_admin_ends_a_seat_of_their_region(admin_hovedstaden, hovedstaden, member_seat):
    ended = services.end_regional_seat(
        actor=admin_hovedstaden, region=hovedstaden, membership=member_seat, reason="Moved"
    )
    assert ended.status == "ended"
    assert ended.history.first().history_user == admin_hovedstaden


def test_it_refuses_to_end_another_regions_seat(admin_syddanmark, syddanmark, member_seat):
    """Naming their own region does not help: the seat represents Hovedstaden."""
    with pytest.raises(ValidationError):
        services.end_regional_seat(
            actor=admin_syddanmark, region=syddanmark, membership=member_seat, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.end_regional_seat(
            actor=admin_syddanmark,
            region=member_seat.representing_region,
            membership=member_seat,
            reason="x",
        )
    member_seat.refresh_from_db()
    assert member_seat.status == "active"


def test_it_refuses_to_end_a_chair_seat_as_a_regional_seat(
    admin_hovedstaden, hovedstaden, chair_seat
):
    with pytest.raises(ValidationError):
        services.end_regional_seat(
            actor=admin_hovedstaden, region=hovedstaden, membership=chair_seat, reason="x"
        )


def test_replace_ends_the_seat_and_appoints_the_successor(
    admin_hovedstaden, hovedstaden, member_seat, employee_hovedstaden
):
    successor = services.replace_member(
        actor=admin_hovedstaden,
        region=hovedstaden,
        membership=member_seat,
        successor=employee_hovedstaden,
        reason="Retires",
        changeover_on=START,
    )
    member_seat.refresh_from_db()
    assert member_seat.status == "ended"
    assert member_seat.ended_on == START
    assert successor.predecessor == member_seat
    assert successor.term_start == START
    assert successor.representing_region == hovedstaden


def test_a_failed_replacement_leaves_the_old_seat_untouched(
    admin_hovedstaden, hovedstaden, member_seat, group
):
    """The successor already sits in the group: the appointment fails, so nothing ends."""
    sitting = factories.MembershipFactory(
        group=group, role="society", representing_region=None, person__employer__region=hovedstaden
    )
    with pytest.raises(ValidationError):
        services.replace_member(
            actor=admin_hovedstaden,
            region=hovedstaden,
            membership=member_seat,
            successor=sitting.person,
            reason="Retires",
            changeover_on=START,
        )
    member_seat.refresh_from_db()
    assert member_seat.status == "active"
    assert member_seat.successors.count() == 0


def test_it_refuses_to_replace_in_another_region(
    admin_syddanmark, member_seat, employee_hovedstaden
):
    with pytest.raises(PermissionDenied):
        services.replace_member(
            actor=admin_syddanmark,
            region=member_seat.representing_region,
            membership=member_seat,
            successor=employee_hovedstaden,
            reason="x",
        )
    member_seat.refresh_from_db()
    assert member_seat.status == "active"


def test_appointing_answers_the_regions_waiting_request(
    secretariat, admin_hovedstaden, hovedstaden, group, employee_hovedstaden
):
    request = services.request_appointment(
        actor=secretariat, group=group, region=hovedstaden, reason="Vacant"
    )
    seat = services.appoint_in_region(
        actor=admin_hovedstaden,
        region=hovedstaden,
        group=group,
        person=employee_hovedstaden,
        term_start=START,
    )
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.ANSWERED
    assert request.membership == seat
