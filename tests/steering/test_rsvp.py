"""Answer links in meeting letters: signed, expiring, bound to one person, and changing
nothing until the invited person presses the page's button (a POST)."""

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
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


def main(page) -> str:
    """The page's own content, without the header's forms (the language switch)."""
    return page.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def checked(page, value: str) -> bool:
    """Whether the page's radio button for ``value`` is pre-selected."""
    content = page.content.decode()
    start = content.index(f'value="{value}"')
    return "checked" in content[start : content.index(">", start)]


# --- opening a link changes nothing -----------------------------------------------------


def test_opening_every_link_as_a_mail_scanner_does_changes_nothing(client, invitation):
    for response in ("yes", "no", "maybe"):
        assert client.get(answer_url(invitation, response)).status_code == 200
        assert client.head(answer_url(invitation, response)).status_code == 200

    assert unchanged(invitation)
    assert invitation.history.count() == 1  # only its creation


@pytest.mark.parametrize("response", ["yes", "no", "maybe"])
def test_a_link_opens_a_page_with_its_answer_preselected(client, invitation, response):
    page = client.get(answer_url(invitation, response))

    assert checked(page, response)
    assert [value for value in ("yes", "no", "maybe") if checked(page, value)] == [response]
    assert invitation.person.full_name in page.content.decode()
    assert main(page).count('type="submit"') == 1


def test_the_page_says_what_was_answered_before(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(response="no")

    page = client.get(answer_url(invitation, "yes"))

    assert checked(page, "yes")
    assert "Not attending" in page.content.decode() or "Deltager ikke" in page.content.decode()


# --- the button records the answer ------------------------------------------------------


@pytest.mark.parametrize("response", ["yes", "no", "maybe"])
def test_the_button_records_the_answer_signed_out(client, invitation, response):
    result = client.post(answer_url(invitation, "yes"), {"response": response})

    assert result.status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == response
    assert invitation.responded_at is not None
    assert invitation.history.first().history_user is None


def test_the_invited_person_signed_in_is_recorded_as_who_answered(client, member, invitation):
    client.force_login(member)

    assert client.get(answer_url(invitation, "maybe")).status_code == 200
    assert client.post(answer_url(invitation, "maybe"), {"response": "maybe"}).status_code == 200

    invitation.refresh_from_db()
    assert invitation.response == "maybe"
    assert invitation.history.first().history_user == member


def test_the_button_needs_the_pages_csrf_token(invitation):
    browser = Client(enforce_csrf_checks=True)
    url = answer_url(invitation, "yes")

    forged = browser.post(url, {"response": "yes"})
    assert forged.status_code == 403
    assert unchanged(invitation)

    page = browser.get(url)
    token = page.context["csrf_token"]
    assert browser.post(url, {"response": "yes", "csrfmiddlewaretoken": token}).status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == "yes"


def test_a_choice_that_is_not_offered_is_a_form_error(client, invitation):
    result = client.post(answer_url(invitation), {"response": "perhaps"})

    assert result.status_code == 400
    assert "alert-error" in result.content.decode()
    assert unchanged(invitation)


def test_the_page_after_answering_gives_no_new_links(client, invitation):
    result = client.post(answer_url(invitation, "yes"), {"response": "no"})

    assert "/meetings/answer/" not in main(result)
    assert invitation.meeting.get_absolute_url() in main(result)


def test_a_link_expires_as_made_however_often_it_is_used(client, invitation):
    url = answer_url(invitation, "yes")
    made = timezone.now()

    for days, response in ((30, "yes"), (90, "no")):
        later = made + datetime.timedelta(days=days)
        with mock.patch("time.time", return_value=later.timestamp()):
            assert client.post(url, {"response": response}).status_code == 200
    after_expiry = made + rsvp.MAX_AGE + datetime.timedelta(minutes=1)
    with mock.patch("time.time", return_value=after_expiry.timestamp()):
        refused = client.post(url, {"response": "yes"})

    assert refused.status_code == 400
    invitation.refresh_from_db()
    assert invitation.response == "no"


def test_a_link_cannot_change_the_answer_once_the_meeting_has_started(client, invitation):
    url = answer_url(invitation, "yes")
    client.post(url, {"response": "yes"})
    Meeting.objects.filter(pk=invitation.meeting_id).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    page = client.get(answer_url(invitation, "no"))
    replayed = client.post(answer_url(invitation, "no"), {"response": "no"})

    assert page.status_code == replayed.status_code == 409
    assert "<form" not in main(page)
    invitation.refresh_from_db()
    assert invitation.response == "yes"


def test_a_cancelled_meeting_cannot_be_answered(client, invitation):
    url = answer_url(invitation)
    Meeting.objects.filter(pk=invitation.meeting_id).update(status=Meeting.Status.CANCELLED)

    assert client.get(url).status_code == 409
    assert client.post(url, {"response": "yes"}).status_code == 409
    assert unchanged(invitation)


# --- nobody answers for someone else ----------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "outsider", "chair"])
def test_someone_signed_in_as_another_person_is_told_whose_invitation_it_is(
    client, request, invitation, persona
):
    client.force_login(request.getfixturevalue(persona))
    url = answer_url(invitation, "yes")

    page = client.get(url)
    posted = client.post(url, {"response": "yes"})

    assert page.status_code == posted.status_code == 403
    assert invitation.person.full_name in page.content.decode()
    assert 'name="response"' not in main(page)
    assert unchanged(invitation)


# --- links that are not the portal's ---------------------------------------------------


def test_a_tampered_link_writes_nothing(client, invitation):
    url = answer_url(invitation)
    tampered = url[:-3] + ("a" if url[-3] != "a" else "b") + url[-2:]

    result = client.post(tampered, {"response": "yes"})

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

    result = client.post(f"/meetings/answer/{forged_payload}:{rest}/", {"response": "no"})

    assert result.status_code == 400
    assert unchanged(other)


def test_a_token_signed_for_another_purpose_is_refused(client, invitation):
    token = signing.TimestampSigner(salt="steering.something-else").sign_object(
        {"i": invitation.pk, "p": invitation.person_id, "r": "yes"}
    )

    assert client.post(f"/meetings/answer/{token}/", {"response": "yes"}).status_code == 400
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

    assert client.post(url, {"response": "yes"}).status_code == 400
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.NONE


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


# --- queries ------------------------------------------------------------------------------


def test_the_answer_page_and_its_button_read_little(client, invitation, django_assert_num_queries):
    url = answer_url(invitation, "yes")

    # The invitation with its meeting, group, database and person; the seat that allows it.
    with django_assert_num_queries(2):
        client.get(url)
    # The same two; then the service: a savepoint, the invitation locked, the seat again,
    # full_clean's checks (meeting, person, one invitation per meeting and person), the
    # save's savepoint, the update and its history row, the two savepoints released.
    with django_assert_num_queries(13):
        client.post(url, {"response": "yes"})
