"""Re-appointing from the seat's own page settles the seat's succession question, as
answering the question would: the question is closed as re-appointed with the new seat,
the region's request is answered (so it is neither escalated nor offered again), and a
re-appointment decided ahead is not carried out a second time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from regions.models import AppointmentRequest
from regions.services.appointment_requests import escalate_overdue_requests
from steering.models import Membership, SuccessionAsk
from steering.succession.asking import ask_ahead
from steering.succession.reappointing import carry_out_renewals, reappoint_from_ask
from steering.succession.views import _may_excuse
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
ASK_DAY = D(2027, 7, 4)  # 180 days before the fixtures' seats end, 31 December 2027
NEW_TERM = D(2028, 1, 1)


@pytest.fixture
def as_secretariat(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def ask(member_seat):
    ask_ahead(ASK_DAY)
    return SuccessionAsk.objects.get(membership=member_seat)


def reappoint_on_the_seat_page(client, seat, **data):
    url = reverse("steering:membership-reappoint", args=[seat.pk])
    return client.post(url, {"term_start": "", "term_end": "", **data})


def test_the_open_question_is_closed_as_reappointed(as_secretariat, secretariat, ask):
    assert ask.body == SuccessionAsk.Body.REGION and ask.appointment_request_id

    response = reappoint_on_the_seat_page(as_secretariat, ask.membership)

    assert response.status_code == 302
    renewed = Membership.objects.get(predecessor=ask.membership)
    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.REAPPOINTED
    assert (ask.successor, ask.decided_by) == (renewed, secretariat)
    assert ask.closed_at is not None and ask.reappointed_from == NEW_TERM
    request = AppointmentRequest.objects.get(pk=ask.appointment_request_id)
    assert request.status == AppointmentRequest.Status.ANSWERED
    assert request.membership == renewed
    # Answered, so never escalated to the region as overdue.
    assert escalate_overdue_requests(request.due_on + datetime.timedelta(days=30)) == 0


def test_the_question_moves_from_the_open_list_to_the_closed(as_secretariat, ask):
    name = ask.membership.person.full_name
    url = reverse("steering:succession-list")
    assert name in as_secretariat.get(url).content.decode()

    reappoint_on_the_seat_page(as_secretariat, ask.membership)

    assert name not in as_secretariat.get(url).content.decode()
    assert name in as_secretariat.get(url, {"show": "closed"}).content.decode()


def test_a_renewal_decided_ahead_is_not_carried_out_again(as_secretariat, secretariat, ask):
    reappoint_from_ask(actor=secretariat, ask=ask, today=ASK_DAY)

    reappoint_on_the_seat_page(as_secretariat, ask.membership)

    renewed = Membership.objects.get(predecessor=ask.membership)
    ask.refresh_from_db()
    assert ask.successor == renewed and not ask.is_pending_renewal
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and not ask.close_reason
    assert carry_out_renewals(NEW_TERM) == 0
    assert Membership.objects.filter(person=ask.membership.person).count() == 2


def test_a_refused_reappointment_leaves_the_question_open(as_secretariat, ask):
    response = reappoint_on_the_seat_page(
        as_secretariat, ask.membership, term_start="2028-01-01", term_end="2027-01-01"
    )

    assert response.status_code == 200
    ask.refresh_from_db()
    assert ask.is_open and ask.successor is None
    assert not Membership.objects.filter(predecessor=ask.membership).exists()
    request = AppointmentRequest.objects.get(pk=ask.appointment_request_id)
    assert request.status != AppointmentRequest.Status.ANSWERED


@pytest.fixture
def chair_at_the_limit(group):
    """A chair in their second period, ending after today: a third would pass the limit."""
    first = factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        appointing_body="rkkp",
        term_start=D(2020, 1, 1),
        term_end=D(2023, 12, 31),
        status="ended",
        ended_on=D(2023, 12, 31),
    )
    return factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        appointing_body="rkkp",
        person=first.person,
        predecessor=first,
        term_number=2,
        term_start=D(2024, 1, 1),
        term_end=timezone.localdate() + datetime.timedelta(days=100),
    )


def test_a_chair_at_the_limit_is_sent_to_the_seat_page_for_the_exception(
    as_secretariat, chair_at_the_limit
):
    ask = SuccessionAsk.objects.create(
        membership=chair_at_the_limit,
        body=SuccessionAsk.Body.SECRETARIAT,
        asked_on=timezone.localdate(),
    )

    response = as_secretariat.post(f"/succession/{ask.pk}/reappoint/", follow=True)

    seat_page = reverse("steering:membership-reappoint", args=[chair_at_the_limit.pk])
    assert response.redirect_chain == [(seat_page, 302)]
    assert "term_limit_exception" in response.context["form"].fields
    [message] = [str(m) for m in response.context["messages"]]
    assert "Angiv begrundelsen for en undtagelse, eller udpeg en anden." in message
    ask.refresh_from_db()
    assert ask.is_open

    reappoint_on_the_seat_page(
        as_secretariat, chair_at_the_limit, term_limit_exception="Gruppen lægges sammen"
    )

    ask.refresh_from_db()
    renewed = Membership.objects.get(predecessor=chair_at_the_limit)
    assert renewed.term_limit_exception == "Gruppen lægges sammen"
    assert (ask.status, ask.successor) == (SuccessionAsk.Status.REAPPOINTED, renewed)


def test_who_may_not_make_an_exception_gets_the_refusal_where_they_were(
    client, admin_hovedstaden, member_seat
):
    ask = SuccessionAsk(membership=member_seat, body=SuccessionAsk.Body.REGION)
    error = ValidationError("Grænsen er nået.", code="chair_term_limit")

    assert not _may_excuse(admin_hovedstaden, ask, error)
