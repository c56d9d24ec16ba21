"""One small register for the hostile suite: every object a form needs, and a logged-in
client per persona. Built once per test; each hypothesis example is rolled back."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from regions.models import AppointmentRequest, BuyOutAgreement, SupportContact
from steering.models import Invitation
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader, make_nomination


@dataclass
class World:
    secretariat: Client
    admin: Client  # administrator of Region Hovedstaden
    circle: Client
    member: Client
    anonymous: Client
    hovedstaden: object
    hospital: object
    group: object
    member_seat: object
    meeting: object
    invitation: object
    leader: object
    nomination: object
    appointment_request: object
    contact: object
    agreement: object


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def world(
    settings, secretariat, admin_hovedstaden, circle_member, member, member_seat, hovedstaden
):
    settings.REQUIRE_STAFF_MFA = False
    factories.all_regions()
    ensure_policy()
    group = member_seat.group
    hospital = factories.OrganisationFactory(name="Rigshospitalet", region=hovedstaden)
    meeting = factories.MeetingFactory(group=group)
    invitation = Invitation.objects.create(meeting=meeting, person=member_seat.person)
    leader = make_leader("hovedstaden")
    nomination = make_nomination(leader, group, admin_hovedstaden)
    appointment_request = AppointmentRequest.objects.create(
        group=group,
        region=hovedstaden,
        reason="Mangler medlem",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    contact = SupportContact.objects.create(
        region=hovedstaden,
        kind=SupportContact.Kind.choices[0][0],
        name="LIS-kontoret",
        email="lis@regionh.example",
    )
    agreement = BuyOutAgreement.objects.create(
        membership=member_seat,
        employer=member_seat.person.employer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        hours_per_month=Decimal("20.0"),
        annual_amount_dkk=Decimal("120000.00"),
    )
    return World(
        secretariat=_client(secretariat),
        admin=_client(admin_hovedstaden),
        circle=_client(circle_member),
        member=_client(member),
        anonymous=_client(),
        hovedstaden=hovedstaden,
        hospital=hospital,
        group=group,
        member_seat=member_seat,
        meeting=meeting,
        invitation=invitation,
        leader=leader,
        nomination=nomination,
        appointment_request=appointment_request,
        contact=contact,
        agreement=agreement,
    )
