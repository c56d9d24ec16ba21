"""Letters about meetings: invitation, change, cancellation, reminder and the nudge to answer.

Each letter goes to one invitee through the outbox, in their language, with the meeting's
.ics attached (the cancellation carries METHOD:CANCEL). The idempotency key names what the
letter is about, so queueing it again, or a scan run twice, never sends it twice.
"""

from django.conf import settings
from django.utils import timezone

from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.meetings import calendar, rsvp
from steering.models import Invitation, Message

KEYS = {
    Message.Kind.INVITATION: "invitation:{meeting}:{person}",
    Message.Kind.MEETING_UPDATE: "meeting_update:{meeting}:{person}:{sequence}",
    Message.Kind.MEETING_CANCELLED: "meeting_cancelled:{meeting}:{person}",
    Message.Kind.REMINDER: "reminder:{meeting}:{person}:{lead_days}",
    Message.Kind.RSVP_NUDGE: "rsvp_nudge:{meeting}:{person}:{lead_days}",
    # An ended seat's invitation (its .ics is a CANCEL), keyed per invitation: someone
    # re-appointed, invited again and withdrawn again is told again.
    Message.Kind.INVITATION_WITHDRAWN: "invitation_withdrawn:{meeting}:{person}:{invitation}",
}


def letter_key(kind: str, invitation: Invitation, lead_days: int | None = None) -> str:
    return KEYS[kind].format(
        meeting=invitation.meeting_id,
        person=invitation.person_id,
        sequence=invitation.meeting.sequence,
        lead_days=lead_days,
        invitation=invitation.pk,
    )


def meeting_context(invitation: Invitation, **extra) -> dict:
    meeting = invitation.meeting
    answerable = meeting.status == meeting.Status.PLANNED and not meeting.has_started()
    return {
        "invitation": invitation,
        "person": invitation.person,
        "meeting": meeting,
        "group": meeting.group,
        "database": meeting.group.database,
        "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        "rsvp_links": rsvp.links(invitation) if answerable else {},
        "site_url": settings.SITE_URL,
        **extra,
    }


def queue_meeting_letter(
    kind: str, invitation: Invitation, *, lead_days: int | None = None
) -> tuple[Message | None, bool]:
    """Queue one meeting letter for one invitee: (the row, whether this call wrote it).

    No-op without an e-mail address.
    """
    person = invitation.person
    if not person.email:
        return None, False
    context = meeting_context(invitation, lead_days=lead_days)
    with timezone.override(calendar.COPENHAGEN):
        letter = render_letter(kind, context, person.language)
    return outbox.queue_message(
        kind=kind,
        key=letter_key(kind, invitation, lead_days),
        recipient_email=person.email,
        subject=letter.subject,
        body_text=letter.body_text,
        body_html=letter.body_html,
        person=person,
        group=invitation.meeting.group,
        language=person.language,
        ics=calendar.meeting_ics(
            invitation.meeting,
            attendee=person,
            response=invitation.response,
            withdrawn=kind == Message.Kind.INVITATION_WITHDRAWN,
        ),
    )
