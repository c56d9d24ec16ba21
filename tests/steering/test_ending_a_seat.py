"""Ending a seat ends what it gave: invitations to meetings not yet held, the meetings in
the member's calendar feeds, and the answer links in their letters (#20)."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from regions.services.seats import replace_member
from steering.meetings import calendar, rsvp
from steering.meetings.services import issue_calendar_token, withdraw_invitations_of_ended_seat
from steering.models import Invitation, Meeting, Membership, Message
from steering.register.services.memberships import end_membership, reappoint_member
from tests import factories

pytestmark = pytest.mark.django_db


def meeting_in(group, days: float, **fields) -> Meeting:
    return factories.MeetingFactory(
        group=group, starts_at=timezone.now() + datetime.timedelta(days=days), **fields
    )


def invite(meeting, person, response="none") -> Invitation:
    return Invitation.objects.create(meeting=meeting, person=person, response=response)


def end(seat, actor=None) -> Membership:
    return end_membership(actor=actor, membership=seat, reason="Moved to another hospital")


def feed_uids(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


def withdrawal_letters():
    return Message.objects.filter(kind=Message.Kind.INVITATION_WITHDRAWN)


# --- invitations ------------------------------------------------------------------------


def test_ending_a_seat_withdraws_its_invitations_to_meetings_not_yet_held(
    secretariat, member_seat, other_group
):
    person, group = member_seat.person, member_seat.group
    upcoming = invite(meeting_in(group, 20), person)
    held = invite(meeting_in(group, -20, status=Meeting.Status.HELD), person)
    elsewhere = factories.MembershipFactory(person=person, group=other_group)
    other_groups = invite(meeting_in(other_group, 20), person)

    end(member_seat, actor=secretariat)

    assert not Invitation.objects.filter(pk=upcoming.pk).exists()
    assert set(person.invitations.all()) == {held, other_groups}
    # The record stays: who withdrew it, why, and the last answer.
    deleted = Invitation.history.filter(id=upcoming.pk, history_type="-").get()
    assert deleted.history_user == secretariat
    assert deleted.history_change_reason == "withdrawn: the seat ended"
    assert elsewhere.status == Membership.Status.ACTIVE


def test_a_member_who_had_accepted_is_told_and_the_meeting_leaves_their_calendar(member_seat):
    person, group = member_seat.person, member_seat.group
    person.language = "en"
    person.save()
    meeting = meeting_in(group, 20)
    accepted = invite(meeting, person, "yes")

    end(member_seat)

    letter = withdrawal_letters().get()
    assert letter.recipient_person == person
    assert letter.idempotency_key == (
        f"invitation_withdrawn:{meeting.pk}:{person.pk}:{accepted.pk}"
    )
    assert letter.subject.startswith("Invitation withdrawn:")
    assert group.database.name in letter.body_text
    assert "/meetings/answer/" not in letter.body_text + letter.body_html
    parsed = Calendar.from_ical(letter.ics)
    (event,) = parsed.walk("VEVENT")
    assert parsed["METHOD"] == "CANCEL"
    assert str(event["UID"]) == calendar.event_uid(meeting)
    assert event["STATUS"] == "CANCELLED"


def test_the_withdrawal_letter_is_written_in_danish_by_default(member_seat):
    invite(meeting_in(member_seat.group, 20), member_seat.person, "yes")

    end(member_seat)

    assert withdrawal_letters().get().subject.startswith("Invitation trukket tilbage:")


@pytest.mark.parametrize("response", ["none", "no", "maybe"])
def test_only_those_who_had_accepted_get_a_letter(member_seat, response):
    invite(meeting_in(member_seat.group, 20), member_seat.person, response)

    end(member_seat)

    assert not member_seat.person.invitations.exists()
    assert not withdrawal_letters().exists()


def test_the_withdrawal_letter_is_queued_once_per_invitation(member_seat):
    from steering.meetings.letters import queue_meeting_letter

    invitation = invite(meeting_in(member_seat.group, 20), member_seat.person, "yes")

    first = queue_meeting_letter(Message.Kind.INVITATION_WITHDRAWN, invitation)
    second = queue_meeting_letter(Message.Kind.INVITATION_WITHDRAWN, invitation)

    assert first[1] is True and second[1] is False
    assert withdrawal_letters().count() == 1


def test_a_reappointed_member_keeps_their_invitations(secretariat, member_seat):
    invitation = invite(meeting_in(member_seat.group, 20), member_seat.person, "yes")

    reappoint_member(actor=secretariat, membership=member_seat)

    assert Invitation.objects.filter(pk=invitation.pk, response="yes").exists()
    assert not withdrawal_letters().exists()


def test_someone_still_holding_a_seat_in_the_group_keeps_their_invitations(member_seat):
    invitation = invite(meeting_in(member_seat.group, 20), member_seat.person, "yes")
    Membership.objects.filter(pk=member_seat.pk).update(
        status=Membership.Status.ENDED, ended_on=timezone.localdate()
    )
    factories.MembershipFactory(person=member_seat.person, group=member_seat.group)

    assert withdraw_invitations_of_ended_seat(actor=None, membership=member_seat) == 0
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_member_replaced_by_their_region_hands_the_invitations_to_the_successor(
    admin_hovedstaden, member_seat, hovedstaden
):
    meeting = meeting_in(member_seat.group, 20)
    invite(meeting, member_seat.person, "yes")
    successor = factories.PersonFactory(employer__region=hovedstaden)

    replace_member(
        actor=admin_hovedstaden,
        region=hovedstaden,
        membership=member_seat,
        reason="Moved away",
        successor=successor,
    )

    assert list(meeting.invitations.values_list("person_id", flat=True)) == [successor.pk]
    assert withdrawal_letters().get().recipient_person == member_seat.person


# --- calendar feeds ---------------------------------------------------------------------


def test_the_personal_feed_drops_the_meetings_of_an_ended_seat(client, member_seat, other_group):
    person = member_seat.person
    recent = meeting_in(member_seat.group, -30, status=Meeting.Status.HELD)
    upcoming = meeting_in(member_seat.group, 20, video_url="https://video.example/secret")
    invite(recent, person)
    invite(upcoming, person, "yes")
    factories.MembershipFactory(person=person, group=other_group)
    elsewhere = meeting_in(other_group, 10)
    invite(elsewhere, person)
    token = issue_calendar_token(actor=None, person=person)
    url = f"/me/calendar/{token}.ics"
    assert len(feed_uids(client, url)) == 3

    end(member_seat)

    assert feed_uids(client, url) == [calendar.event_uid(elsewhere)]
    assert b"video.example" not in client.get(url).content


def test_the_group_feed_of_an_ended_seat_is_gone(client, member_seat):
    meeting_in(member_seat.group, 20)
    token = issue_calendar_token(actor=None, person=member_seat.person)
    url = f"/me/calendar/{token}/groups/{member_seat.group_id}.ics"
    assert client.get(url).status_code == 200

    end(member_seat)

    assert client.get(url).status_code == 404


# --- answer links -----------------------------------------------------------------------


def answer_path(invitation, response="yes") -> str:
    return "/" + rsvp.link(invitation, response).split("/", 3)[3]


def test_an_answer_link_of_a_withdrawn_invitation_says_so_and_changes_nothing(client, member_seat):
    invitation = invite(meeting_in(member_seat.group, 20), member_seat.person)
    url = answer_path(invitation, "yes")
    end(member_seat)

    page = client.get(url)
    posted = client.post(url, {"response": "yes"})

    assert page.status_code == posted.status_code == 410
    assert "withdrawn" in page.content.decode() or "trukket tilbage" in page.content.decode()
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_an_answer_link_of_an_ended_seat_is_refused_where_the_invitation_remains(
    client, member_seat
):
    # A seat ended before invitations were withdrawn (or by hand): its invitation is still
    # there, but the link no longer answers it.
    invitation = invite(meeting_in(member_seat.group, 20), member_seat.person)
    url = answer_path(invitation, "no")
    Membership.objects.filter(pk=member_seat.pk).update(
        status=Membership.Status.ENDED, ended_on=timezone.localdate()
    )

    page = client.get(url)
    posted = client.post(url, {"response": "no"})

    assert page.status_code == posted.status_code == 409
    assert "seat" in page.content.decode() or "plads" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.NONE
