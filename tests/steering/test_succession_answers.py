"""Willing to continue? (#22): the member's link opens a page that changes nothing; its
POST records the answer; expired, altered and other people's links are refused with a
clear page; the answer is shown to the appointing body, and "re-appoint" is one action."""

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone

from regions.models import AppointmentRequest
from steering.models import Membership, SuccessionAsk
from steering.register.services.memberships import end_membership
from steering.succession import willingness
from steering.succession.asking import ask_ahead
from steering.succession.reappointing import reappoint_from_ask
from tests import factories

pytestmark = pytest.mark.django_db

ASK_DAY = datetime.date(2027, 7, 4)


@pytest.fixture
def ask(member_seat, admin_hovedstaden):
    ask_ahead(ASK_DAY)
    return SuccessionAsk.objects.get(membership=member_seat)


@pytest.fixture
def leadership_ask(group, circle_member):
    seat = factories.MembershipFactory(
        group=group, role="leadership", representing_region=None, appointing_body="circle"
    )
    ask_ahead(ASK_DAY)
    return SuccessionAsk.objects.get(membership=seat)


def path(ask) -> str:
    return "/" + willingness.link(ask).split("/", 3)[3]


def unanswered(ask) -> bool:
    ask.refresh_from_db()
    return ask.willing == "" and ask.answered_at is None and ask.history.count() == 1


def test_opening_the_link_shows_the_question_and_writes_nothing(client, ask):
    page = client.get(path(ask))

    assert page.status_code == 200
    assert client.head(path(ask)).status_code == 200
    assert ask.membership.person.full_name in page.content.decode()
    assert unanswered(ask)


def test_the_post_records_the_answer_its_comment_and_when(client, ask):
    page = client.post(path(ask), {"willing": "yes", "comment": "Gerne én periode mere."})

    assert page.status_code == 200
    ask.refresh_from_db()
    assert ask.willing == SuccessionAsk.Willing.YES
    assert ask.comment == "Gerne én periode mere."
    assert ask.answered_at is not None
    # The member may change their mind while the question is open.
    client.post(path(ask), {"willing": "no"})
    ask.refresh_from_db()
    assert (ask.willing, ask.comment) == ("no", "")


def test_a_post_without_an_answer_is_a_bad_request_and_writes_nothing(client, ask):
    assert client.post(path(ask), {"willing": "perhaps"}).status_code == 400
    assert unanswered(ask)


def test_an_expired_link_is_refused_with_a_clear_page(client, ask):
    url = path(ask)
    later = timezone.now() + willingness.MAX_AGE + datetime.timedelta(minutes=1)

    with mock.patch("time.time", return_value=later.timestamp()):
        page = client.post(url, {"willing": "yes"})

    assert page.status_code == 400
    assert "expired" in page.content.decode() or "udløbet" in page.content.decode()
    assert unanswered(ask)


def test_an_altered_link_is_refused(client, ask):
    token = path(ask).rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/succession/answer/{token[:-2]}xx/").status_code == 400
    forged = signing.TimestampSigner(salt="steering.rsvp.answer").sign_object(
        {"a": ask.pk, "p": ask.membership.person_id}
    )
    assert client.post(f"/succession/answer/{forged}/", {"willing": "yes"}).status_code == 400
    assert unanswered(ask)


def test_a_link_naming_someone_else_is_refused(client, ask, outsider_seat):
    token = signing.TimestampSigner(salt=willingness.SALT).sign_object(
        {"a": ask.pk, "p": outsider_seat.person_id}
    )
    assert client.post(f"/succession/answer/{token}/", {"willing": "yes"}).status_code == 400
    assert unanswered(ask)


def test_someone_else_signed_in_cannot_answer_for_the_member(client, ask, outsider):
    client.force_login(outsider)

    page = client.post(path(ask), {"willing": "yes"})

    assert page.status_code == 403
    assert unanswered(ask)


def test_the_member_signed_in_can_answer(client, ask, member):
    client.force_login(member)
    assert client.post(path(ask), {"willing": "yes"}).status_code == 200
    ask.refresh_from_db()
    assert ask.willing == "yes"


def test_a_closed_question_is_refused_with_a_clear_page(client, ask, secretariat):
    reappoint_from_ask(actor=secretariat, ask=ask)

    page = client.post(path(ask), {"willing": "no"})

    assert page.status_code == 409
    ask.refresh_from_db()
    assert ask.willing == ""


# --- shown to the appointing body, and re-appoint ----------------------------------------


def test_the_answer_is_shown_beside_the_regions_request(client, ask, admin_hovedstaden):
    client.post(path(ask), {"willing": "yes", "comment": "Gerne"})
    client.force_login(admin_hovedstaden)
    request = ask.appointment_request

    page = client.get(f"/regions/hovedstaden/requests/{request.pk}/").content.decode()

    assert "Gerne" in page
    assert f"/succession/{ask.pk}/reappoint/" in page


def test_the_region_reappoints_in_one_action_which_answers_its_request(
    client, ask, admin_hovedstaden
):
    client.force_login(admin_hovedstaden)

    response = client.post(f"/succession/{ask.pk}/reappoint/")

    assert response.status_code == 302
    ask.refresh_from_db()
    seat = ask.membership
    seat.refresh_from_db()
    # Ahead of the term's end the decision is recorded and the member stays in office.
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and ask.closed_at
    assert ask.is_pending_renewal and ask.successor is None
    assert (ask.renewal_starts, ask.renewal_ends) == (
        datetime.date(2028, 1, 1),
        datetime.date(2031, 12, 31),
    )
    assert ask.decided_by == admin_hovedstaden and ask.decided_at
    assert seat.status == Membership.Status.ACTIVE and seat.ended_on is None
    request = AppointmentRequest.objects.get(pk=ask.appointment_request_id)
    assert request.status == AppointmentRequest.Status.ANSWERED
    assert request.membership == seat
    detail = f"/regions/hovedstaden/requests/{request.pk}/"
    assert "Genudpeget fra den 1. januar 2028" in client.get(detail).content.decode()
    # A second press changes nothing more.
    client.post(f"/succession/{ask.pk}/reappoint/")
    assert Membership.objects.filter(person=seat.person).count() == 1
    assert ask.history.count() == 2


def test_another_regions_administrator_cannot_see_or_reappoint(client, ask, admin_syddanmark):
    client.force_login(admin_syddanmark)

    assert client.post(f"/succession/{ask.pk}/reappoint/").status_code == 404
    assert ask.membership.person.full_name not in client.get("/succession/").content.decode()
    ask.refresh_from_db()
    assert ask.is_open


def test_the_circle_sees_and_reappoints_a_leadership_seat_but_not_a_regional_one(
    client, ask, leadership_ask, circle_member
):
    client.force_login(circle_member)

    listing = client.get("/succession/").content.decode()
    assert leadership_ask.membership.person.full_name in listing
    assert ask.membership.person.full_name not in listing
    assert client.post(f"/succession/{ask.pk}/reappoint/").status_code == 404
    assert client.post(f"/succession/{leadership_ask.pk}/reappoint/").status_code == 302
    leadership_ask.refresh_from_db()
    assert leadership_ask.status == SuccessionAsk.Status.REAPPOINTED


def test_a_member_who_does_not_wish_to_continue_is_not_reappointed(client, ask, secretariat):
    client.post(path(ask), {"willing": "no"})
    client.force_login(secretariat)

    client.post(f"/succession/{ask.pk}/reappoint/")

    ask.refresh_from_db()
    assert ask.is_open and ask.successor is None and ask.renewal_starts is None
    assert ask.membership.status == Membership.Status.ACTIVE


def test_an_open_question_about_an_ended_seat_offers_no_reappointment(client, ask, secretariat):
    end_membership(
        actor=secretariat,
        membership=ask.membership,
        ended_on=ASK_DAY,
        reason="Fratrådt",
    )
    client.force_login(secretariat)

    page = client.get("/succession/").content.decode()

    assert ask.membership.person.full_name in page
    assert f"/succession/{ask.pk}/reappoint/" not in page
    assert "Pladsen er ophørt, så medlemmet kan ikke genudpeges. Udpeg en anden." in page
    # Asked anyway (a page left open), the service refuses with its own message.
    response = client.post(f"/succession/{ask.pk}/reappoint/", follow=True)
    assert "Kun en aktiv plads kan fornyes." in response.content.decode()
    ask.refresh_from_db()
    assert ask.is_open and ask.successor is None


def test_the_list_reads_a_page_of_questions_in_a_fixed_number_of_queries(
    client, secretariat, group, hovedstaden, django_assert_num_queries
):
    for _ in range(3):
        factories.MembershipFactory(group=factories.GroupFactory())
    ask_ahead(ASK_DAY)
    client.force_login(secretariat)
    client.get("/succession/")  # warm the session and the user's roles

    # session, user, the count, the page (seat, person, group, database, region, request)
    with django_assert_num_queries(4):
        page = client.get("/succession/")

    assert page.status_code == 200
    assert page.content.decode().count("/reappoint/") == 3


def test_when_the_region_appoints_someone_else_the_question_is_closed(
    client, ask, admin_hovedstaden, hovedstaden
):
    from regions.services import appoint_in_region

    newcomer = factories.PersonFactory(employer__region=hovedstaden)
    appoint_in_region(
        actor=admin_hovedstaden,
        region=hovedstaden,
        group=ask.membership.group,
        person=newcomer,
        term_start=datetime.date(2028, 1, 1),
    )

    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.CLOSED and ask.closed_at
    assert ask.appointment_request.status == AppointmentRequest.Status.ANSWERED
    # The member's link now says so, and records nothing.
    assert client.post(path(ask), {"willing": "yes"}).status_code == 409
