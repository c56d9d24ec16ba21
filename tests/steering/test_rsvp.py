"""One-click answers from the e-mail: signed, expiring, single-purpose, bound to one person."""

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone

from steering.meetings import rsvp
from steering.models import Invitation, Meeting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(member_seat):
    meeting = factories.MeetingFactory(group=member_seat.group)
    return Invitation.objects.create(meeting=meeting, person=member_seat.person)


def answer_url(invitation, response="yes") -> str:
    return "/" + rsvp.link(invitation, response).split("/", 3)[3]


def unchanged(invitation) -> bool:
    invitation.refresh_from_db()
    return invitation.response == Invitation.Response.NONE and invitation.responded_at is None


@pytest.mark.parametrize("response", ["yes", "no", "maybe"])
def test_a_link_records_the_answer_without_login(client, invitation, response):
    result = client.get(answer_url(invitation, response))

    assert result.status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == response
    assert invitation.responded_at is not None
    assert invitation.history.first().history_user is None


def test_the_invited_person_may_use_the_link_while_logged_in(client, member, invitation):
    client.force_login(member)

    assert client.get(answer_url(invitation, "maybe")).status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == "maybe"


def test_a_tampered_link_writes_nothing(client, invitation):
    url = answer_url(invitation)
    tampered = url[:-3] + ("a" if url[-3] != "a" else "b") + url[-2:]

    result = client.get(tampered)

    assert result.status_code == 400
    assert "not valid" in result.content.decode() or "ikke gyldigt" in result.content.decode()
    assert unchanged(invitation)


def test_a_link_for_another_invitation_cannot_be_made_by_editing_the_payload(
    client, invitation, outsider_seat
):
    other = Invitation.objects.create(meeting=invitation.meeting, person=outsider_seat.person)
    token = rsvp.make_token(invitation, "no")
    _payload, rest = token.split(":", 1)
    forged_payload = signing.b64_encode(
        f'{{"i":{other.pk},"p":{other.person_id},"r":"no"}}'.encode()
    ).decode()

    result = client.get(f"/meetings/answer/{forged_payload}:{rest}/")

    assert result.status_code == 400
    assert unchanged(other)


def test_a_token_signed_for_another_purpose_is_refused(client, invitation):
    token = signing.TimestampSigner(salt="steering.something-else").sign_object(
        {"i": invitation.pk, "p": invitation.person_id, "r": "yes"}
    )

    assert client.get(f"/meetings/answer/{token}/").status_code == 400
    assert unchanged(invitation)


def test_an_expired_link_gives_a_clear_page_and_writes_nothing(client, invitation):
    url = answer_url(invitation)
    later = timezone.now() + rsvp.MAX_AGE + datetime.timedelta(minutes=1)

    with mock.patch("time.time", return_value=later.timestamp()):
        result = client.get(url)

    assert result.status_code == 400
    assert "expired" in result.content.decode() or "udløbet" in result.content.decode()
    assert unchanged(invitation)


def test_a_link_whose_person_no_longer_matches_the_invitation_is_refused(
    client, invitation, outsider_seat
):
    url = answer_url(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(person=outsider_seat.person)

    assert client.get(url).status_code == 400
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.NONE


def test_someone_logged_in_as_another_person_cannot_use_the_link(client, outsider, invitation):
    client.force_login(outsider)

    result = client.get(answer_url(invitation))

    assert result.status_code == 400
    assert unchanged(invitation)


def test_a_cancelled_or_started_meeting_cannot_be_answered(client, invitation):
    url = answer_url(invitation)
    Meeting.objects.filter(pk=invitation.meeting_id).update(status=Meeting.Status.CANCELLED)

    assert client.get(url).status_code == 409
    assert unchanged(invitation)


def test_post_is_not_accepted_on_the_answer_link(client, invitation):
    assert client.post(answer_url(invitation)).status_code == 405
    assert unchanged(invitation)


def test_an_unknown_answer_is_never_signed(invitation):
    with pytest.raises(ValueError):
        rsvp.make_token(invitation, "none")


# --- answering on the meeting page --------------------------------------------------------


def test_a_member_answers_on_the_meeting_page(client, member, invitation):
    client.force_login(member)

    response = client.post(f"/meetings/{invitation.meeting_id}/answer/", {"response": "no"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.response == "no"
    assert invitation.history.first().history_user == member


def test_a_bad_answer_on_the_page_is_a_form_error(client, member, invitation):
    client.force_login(member)

    response = client.post(f"/meetings/{invitation.meeting_id}/answer/", {"response": "perhaps"})

    assert response.status_code == 400
    assert unchanged(invitation)


def test_a_staff_user_without_an_invitation_cannot_answer(client, secretariat, invitation):
    client.force_login(secretariat)

    response = client.post(f"/meetings/{invitation.meeting_id}/answer/", {"response": "yes"})

    assert response.status_code == 403
    assert unchanged(invitation)


def test_an_outsider_cannot_answer_for_a_meeting_they_cannot_see(client, outsider, invitation):
    client.force_login(outsider)

    response = client.post(f"/meetings/{invitation.meeting_id}/answer/", {"response": "yes"})

    assert response.status_code == 404
    assert unchanged(invitation)
