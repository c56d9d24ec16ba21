"""Re-appointing from the seat's own page settles the seat's succession question, as
answering the question would.

Ahead of the term's end the decision is recorded on the question (one is recorded if the
seat has none) and the member stays in office until the new term's first day, when the
daily scan creates the new seat; the region's request is answered, so it is neither
escalated nor offered again. A new term from today or earlier is appointed at once, and a
re-appointment decided ahead is then not carried out a second time."""

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
DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # messages in their msgid language
    return client


@pytest.fixture
def seat(group, hovedstaden):
    """A regional seat whose term ends in 100 days."""
    return factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        term_start=D(2024, 1, 1),
        term_end=today() + 100 * DAY,
    )


@pytest.fixture
def ask(seat):
    """The daily scan has asked the region about the seat."""
    ask_ahead(today())
    return SuccessionAsk.objects.get(membership=seat)


def new_term(seat) -> datetime.date:
    return seat.term_end + DAY


def reappoint_on_the_seat_page(client, seat, **data):
    url = reverse("steering:membership-reappoint", args=[seat.pk])
    return client.post(url, {"term_start": "", "term_end": "", **data})


def test_ahead_of_the_term_the_member_stays_in_office_until_the_new_term(
    as_secretariat, secretariat, ask
):
    seat = ask.membership
    assert ask.body == SuccessionAsk.Body.REGION and ask.appointment_request_id

    response = reappoint_on_the_seat_page(as_secretariat, seat)

    assert response["Location"] == reverse("steering:membership-detail", args=[seat.pk])
    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and ask.is_pending_renewal
    assert (ask.renewal_starts, ask.decided_by) == (new_term(seat), secretariat)
    seat.refresh_from_db()
    assert (seat.status, seat.ended_on) == (Membership.Status.ACTIVE, None)
    assert seat in Membership.objects.in_office(seat.term_end)
    assert not Membership.objects.filter(predecessor=seat).exists()
    # The region's request is answered by the seat the member keeps: never escalated.
    request = AppointmentRequest.objects.get(pk=ask.appointment_request_id)
    assert (request.status, request.membership) == (AppointmentRequest.Status.ANSWERED, seat)
    assert escalate_overdue_requests(request.due_on + 30 * DAY) == 0

    # On the new term's first day the daily scan creates the new seat, once.
    assert carry_out_renewals(new_term(seat)) == 1
    assert carry_out_renewals(new_term(seat)) == 0
    renewed = Membership.objects.get(predecessor=seat)
    assert (renewed.term_start, renewed.term_number) == (new_term(seat), seat.term_number + 1)
    seat.refresh_from_db()
    assert (seat.status, seat.ended_on) == (Membership.Status.ENDED, renewed.term_start - DAY)
    ask.refresh_from_db()
    assert ask.successor == renewed


def test_the_seat_page_shows_the_decision_and_undoes_it(as_secretariat, ask):
    seat = ask.membership
    page_url = reverse("steering:membership-detail", args=[seat.pk])
    reappoint_url = reverse("steering:membership-reappoint", args=[seat.pk])
    assert reappoint_url in as_secretariat.get(page_url).text

    followed = reappoint_on_the_seat_page(as_secretariat, seat)
    page = as_secretariat.get(followed["Location"])

    messages = [str(m) for m in page.context["messages"]]
    assert messages == [f"{seat.person.full_name} is re-appointed from {new_term(seat):%-d %B %Y}."]
    assert "Next term" in page.text and "stays in office" in page.text
    assert reappoint_url not in page.text  # decided: not offered again
    undo = reverse("steering:succession-cancel", args=[ask.pk])
    assert f'action="{undo}"' in page.text

    response = as_secretariat.post(undo, {"next": page_url})

    assert response["Location"] == page_url
    ask.refresh_from_db()
    assert ask.is_open and ask.renewal_starts is None
    assert reappoint_url in as_secretariat.get(page_url).text


def test_a_second_decision_ahead_is_refused_on_the_form(as_secretariat, ask):
    reappoint_on_the_seat_page(as_secretariat, ask.membership)

    response = reappoint_on_the_seat_page(as_secretariat, ask.membership)

    assert response.status_code == 200
    assert "is already recorded" in str(response.context["form"].errors)
    assert SuccessionAsk.objects.get(pk=ask.pk).renewal_starts == new_term(ask.membership)


def test_a_seat_not_yet_asked_about_gets_its_question_decided(as_secretariat, secretariat, seat):
    reappoint_on_the_seat_page(as_secretariat, seat)

    ask = SuccessionAsk.objects.get(membership=seat)
    assert (ask.body, ask.asked_on, ask.member_asked, ask.decided_by) == (
        SuccessionAsk.Body.REGION,
        None,  # nobody was asked
        False,
        secretariat,
    )
    assert ask.is_pending_renewal and ask.appointment_request is None
    # Decided, so the daily scan asks nobody about the seat, and the region gets no request.
    assert ask_ahead(today()) == 0
    assert not AppointmentRequest.objects.exists()
    assert carry_out_renewals(new_term(seat)) == 1


def test_undoing_a_decision_nobody_was_asked_about_leaves_the_seat_to_the_scan(
    as_secretariat, seat
):
    reappoint_on_the_seat_page(as_secretariat, seat)
    ask = SuccessionAsk.objects.get(membership=seat)
    page_url = reverse("steering:membership-detail", args=[seat.pk])

    response = as_secretariat.post(
        reverse("steering:succession-cancel", args=[ask.pk]), {"next": page_url}, follow=True
    )

    assert [str(m) for m in response.context["messages"]][-1] == (
        f"The re-appointment of {seat.person.full_name} is undone."
    )
    assert not SuccessionAsk.objects.filter(membership=seat).exists()
    assert SuccessionAsk.history.filter(id=ask.pk, history_type="-").exists()
    # As if it had not been decided: the daily scan asks the region about the seat.
    assert ask_ahead(today()) == 1
    assert SuccessionAsk.objects.get(membership=seat).appointment_request is not None


def test_a_new_term_before_the_old_one_ends_ends_it_the_day_before(as_secretariat, seat):
    starts = today() + 30 * DAY

    reappoint_on_the_seat_page(as_secretariat, seat, term_start=starts.isoformat())

    seat.refresh_from_db()
    assert (seat.status, seat.term_end) == (Membership.Status.ACTIVE, starts - DAY)
    assert carry_out_renewals(starts - DAY) == 0
    assert carry_out_renewals(starts) == 1
    assert Membership.objects.get(predecessor=seat).term_start == starts


def test_a_new_term_from_today_is_appointed_at_once(as_secretariat, secretariat, ask):
    seat = ask.membership

    response = reappoint_on_the_seat_page(as_secretariat, seat, term_start=today().isoformat())

    renewed = Membership.objects.get(predecessor=seat)
    assert response["Location"] == reverse("steering:membership-detail", args=[renewed.pk])
    assert renewed.term_start == today()
    ask.refresh_from_db()
    assert (ask.status, ask.successor, ask.decided_by) == (
        SuccessionAsk.Status.REAPPOINTED,
        renewed,
        secretariat,
    )
    request = AppointmentRequest.objects.get(pk=ask.appointment_request_id)
    assert (request.status, request.membership) == (AppointmentRequest.Status.ANSWERED, renewed)


def test_the_question_moves_from_the_open_list_to_the_closed(as_secretariat, ask):
    name = ask.membership.person.full_name
    url = reverse("steering:succession-list")
    assert name in as_secretariat.get(url).content.decode()

    as_secretariat.get(reappoint_on_the_seat_page(as_secretariat, ask.membership)["Location"])

    assert name not in as_secretariat.get(url).content.decode()
    assert name in as_secretariat.get(url, {"show": "closed"}).content.decode()


def test_a_renewal_decided_ahead_and_started_is_not_carried_out_again(
    as_secretariat, secretariat, ask
):
    reappoint_from_ask(actor=secretariat, ask=ask)
    seat = ask.membership

    # The new term is brought forward to today: appointed at once, counted as carried out.
    reappoint_on_the_seat_page(as_secretariat, seat, term_start=today().isoformat())

    renewed = Membership.objects.get(predecessor=seat)
    ask.refresh_from_db()
    assert ask.successor == renewed and not ask.is_pending_renewal
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and not ask.close_reason
    assert carry_out_renewals(new_term(seat)) == 0
    assert Membership.objects.filter(person=seat.person).count() == 2


def test_a_refused_reappointment_leaves_the_question_open(as_secretariat, ask):
    seat = ask.membership
    response = reappoint_on_the_seat_page(
        as_secretariat,
        seat,
        term_start=new_term(seat).isoformat(),
        term_end=(new_term(seat) - 365 * DAY).isoformat(),
    )

    assert response.status_code == 200
    ask.refresh_from_db()
    assert ask.is_open and ask.successor is None and ask.renewal_starts is None
    assert not Membership.objects.filter(predecessor=seat).exists()
    seat.refresh_from_db()
    assert seat.term_end == new_term(seat) - DAY  # unchanged
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
        term_end=today() + 100 * DAY,
    )


def test_a_chair_at_the_limit_is_sent_to_the_seat_page_for_the_exception(
    as_secretariat, chair_at_the_limit
):
    ask = SuccessionAsk.objects.create(
        membership=chair_at_the_limit,
        body=SuccessionAsk.Body.SECRETARIAT,
        asked_on=today(),
    )

    response = as_secretariat.post(f"/succession/{ask.pk}/reappoint/", follow=True)

    seat_page = reverse("steering:membership-reappoint", args=[chair_at_the_limit.pk])
    assert response.redirect_chain == [(seat_page, 302)]
    assert "term_limit_exception" in response.context["form"].fields
    [message] = [str(m) for m in response.context["messages"]]
    assert message.endswith("Give the reason for an exception, or appoint someone else.")
    ask.refresh_from_db()
    assert ask.is_open

    reappoint_on_the_seat_page(
        as_secretariat, chair_at_the_limit, term_limit_exception="Gruppen lægges sammen"
    )

    # Decided ahead: the chair stays in office, and the reason waits on the question.
    ask.refresh_from_db()
    assert ask.is_pending_renewal and ask.term_limit_exception == "Gruppen lægges sammen"
    page = as_secretariat.get(reverse("steering:membership-detail", args=[chair_at_the_limit.pk]))
    assert "Gruppen lægges sammen" in page.text

    assert carry_out_renewals(new_term(chair_at_the_limit)) == 1

    renewed = Membership.objects.get(predecessor=chair_at_the_limit)
    assert renewed.term_limit_exception == "Gruppen lægges sammen"
    ask.refresh_from_db()
    assert (ask.status, ask.successor) == (SuccessionAsk.Status.REAPPOINTED, renewed)


def test_who_may_not_make_an_exception_gets_the_refusal_where_they_were(
    client, admin_hovedstaden, member_seat
):
    ask = SuccessionAsk(membership=member_seat, body=SuccessionAsk.Body.REGION)
    error = ValidationError("Grænsen er nået.", code="chair_term_limit")

    assert not _may_excuse(admin_hovedstaden, ask, error)
