"""Meetings: schedule, move and cancel them, and invite the group's members.

Every invitee hears of each step by a letter with the meeting's .ics (see
``steering.meetings.letters``), written to the outbox in the same transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from rkkp_portal.services import require, save
from steering.meetings.letters import queue_meeting_letter
from steering.models import (
    CalendarToken,
    Invitation,
    Meeting,
    MeetingPaper,
    Membership,
    Message,
    Person,
    SteeringGroup,
)
from steering.models.calendars import hash_calendar_token, new_calendar_token

# Fields whose change makes calendars out of date: the invitees get an update.
CALENDAR_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "video_url", "agenda")


def _refuse_past_start(starts_at: datetime.datetime, message: str) -> None:
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": message})


@transaction.atomic
def schedule_meeting(
    *,
    actor,
    group: SteeringGroup,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str = "",
    place: str = "",
    video_url: str = "",
    agenda: str = "",
    allow_past: bool = False,
    notify: bool = True,
) -> Meeting:
    """Plan a meeting, invite every active member of the group and send them the invitation.

    ``allow_past`` is for recording meetings already held (imports, demo data); letters go
    only for meetings that have not started, and only with ``notify``.
    """
    require(actor, "steering.manage_group", group)
    if not allow_past:
        _refuse_past_start(starts_at, _("A new meeting cannot start in the past."))
    meeting = Meeting(
        group=group,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title.strip(),
        place=place.strip(),
        video_url=video_url,
        agenda=agenda,
        status=Meeting.Status.HELD if ends_at < timezone.now() else Meeting.Status.PLANNED,
    )
    meeting.full_clean()
    save(meeting, actor=actor)
    person_ids = Membership.objects.active().filter(group=group).values_list("person_id", flat=True)
    invitations = bulk_create_with_history(
        [Invitation(meeting=meeting, person_id=pk) for pk in sorted(set(person_ids))],
        Invitation,
        default_user=actor,
    )
    if notify and not meeting.has_started():
        for invitation in Invitation.objects.filter(
            pk__in=[i.pk for i in invitations]
        ).select_related("person"):
            invitation.meeting = meeting
            queue_meeting_letter(Message.Kind.INVITATION, invitation)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    locked = (
        Meeting.objects.select_for_update().select_related("group__database").get(pk=meeting.pk)
    )
    if locked.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting has been cancelled."), code="cancelled")
    if locked.has_started():
        raise ValidationError(_("This meeting has already started."), code="started")
    return locked


def _notify_invitees(meeting: Meeting, kind: str) -> int:
    invitations = meeting.invitations.select_related("person")
    for invitation in invitations:
        invitation.meeting = meeting
        queue_meeting_letter(kind, invitation)
    return len(invitations)


@transaction.atomic
def change_meeting(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str = "",
    place: str = "",
    video_url: str = "",
    agenda: str = "",
) -> Meeting:
    """Move a meeting or change its details; invitees get an updated calendar entry.

    The calendar UID stays, the SEQUENCE grows, so calendars replace the old entry.
    """
    require(actor, "steering.manage_group", meeting.group)
    locked = _locked(meeting)
    if starts_at != locked.starts_at:
        _refuse_past_start(starts_at, _("A meeting cannot be moved into the past."))
    before = {field: getattr(locked, field) for field in CALENDAR_FIELDS}
    locked.kind = kind
    locked.starts_at = starts_at
    locked.ends_at = ends_at
    locked.title = title.strip()
    locked.place = place.strip()
    locked.video_url = video_url
    locked.agenda = agenda
    if before == {field: getattr(locked, field) for field in CALENDAR_FIELDS}:
        return locked
    locked.sequence += 1
    locked.full_clean()
    save(locked, actor=actor)
    _notify_invitees(locked, Message.Kind.MEETING_UPDATE)
    return locked


@transaction.atomic
def cancel_meeting(*, actor, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel a meeting that has not started; invitees get a CANCEL for their calendars."""
    require(actor, "steering.manage_group", meeting.group)
    locked = _locked(meeting)
    locked.status = Meeting.Status.CANCELLED
    locked.cancellation_reason = reason.strip()
    locked.sequence += 1
    locked.full_clean()
    save(locked, actor=actor)
    _notify_invitees(locked, Message.Kind.MEETING_CANCELLED)
    return locked


def invite_to_future_meetings(membership: Membership, *, notify: bool = True) -> list[Invitation]:
    """Invite a newly active member to the group's planned meetings that have not started.

    Runs in the caller's transaction (``appoint_member``); someone already invited (a
    reappointed member) is left alone.
    """
    meetings = list(
        Meeting.objects.future(timezone.now())
        .filter(group_id=membership.group_id)
        .exclude(invitations__person_id=membership.person_id)
        .select_related("group__database")
    )
    if not meetings:
        return []
    invitations = bulk_create_with_history(
        [Invitation(meeting=meeting, person=membership.person) for meeting in meetings],
        Invitation,
    )
    if notify:
        for invitation in invitations:
            queue_meeting_letter(Message.Kind.INVITATION, invitation)
    return invitations


# Why the invitation's history ends, next to who ended the seat.
WITHDRAWN_REASON = "withdrawn: the seat ended"


def withdraw_invitations_of_ended_seat(*, actor, membership: Membership) -> int:
    """Withdraw an ended seat's invitations to the group's meetings that have not started.

    Runs in the caller's transaction (``end_membership``). A withdrawn invitation is
    deleted, so nothing that reads invitations (lists, reminders, statistics) can count it;
    its history keeps the last answer and records the deletion with ``actor``. Someone who
    had said yes gets a letter that takes the meeting out of their calendar. A person who
    still holds another current seat in the group keeps their invitations. Returns how many
    were withdrawn.
    """
    if (
        Membership.objects.current()
        .filter(person_id=membership.person_id, group_id=membership.group_id)
        .exists()
    ):
        return 0
    invitations = list(
        Invitation.objects.filter(
            person_id=membership.person_id,
            meeting__in=Meeting.objects.future(timezone.now()).filter(group_id=membership.group_id),
        ).select_related("meeting__group__database", "person")
    )
    for invitation in invitations:
        if invitation.response == Invitation.Response.YES:
            # Before the delete: the letter's key names the invitation's id.
            queue_meeting_letter(Message.Kind.INVITATION_WITHDRAWN, invitation)
        invitation._history_user = actor
        invitation._change_reason = WITHDRAWN_REASON
        invitation.delete()
    return len(invitations)


ANSWERS = {Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE}
PAPER_EXTENSIONS = {"pdf", "docx", "doc", "xlsx", "pptx", "odt", "txt"}
PAPER_MAX_BYTES = 20 * 1024 * 1024


def check_answerable(invitation: Invitation) -> None:
    """``ValidationError`` if the invitation can no longer be answered: the meeting was
    cancelled or has started, or the person no longer holds a seat in the group."""
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting has been cancelled."), code="cancelled")
    if meeting.has_started():
        raise ValidationError(_("The meeting has already started."), code="started")
    if (
        not Membership.objects.current()
        .filter(person_id=invitation.person_id, group_id=meeting.group_id)
        .exists()
    ):
        raise ValidationError(
            _(
                "Your seat in this steering group has ended, so you can no longer answer "
                "its invitations."
            ),
            code="seat_ended",
        )


@transaction.atomic
def respond_to_invitation(*, actor, invitation: Invitation, response: str) -> Invitation:
    """Record the invited person's answer; ``actor`` (their login, or None for an answer
    link used signed out, already checked by its reader) goes into history."""
    require(actor, "steering.respond_to_invitation", invitation)
    if response not in ANSWERS:
        raise ValidationError({"response": _("Choose yes, no or maybe.")})
    locked = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    check_answerable(locked)
    if locked.response == response:
        return locked
    locked.response = response
    locked.responded_at = timezone.now()
    locked.full_clean()
    save(locked, actor=actor)
    return locked


@transaction.atomic
def register_attendance(*, actor, meeting: Meeting, attendance: dict[int, str]) -> int:
    """Register present / remote / apologies / absent per invitation after the meeting starts.

    ``attendance`` maps invitation ids of this meeting to a value ("" clears it). Returns
    how many invitations changed; an unknown invitation or value changes nothing at all.
    """
    require(actor, "steering.manage_group", meeting.group)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Attendance cannot be registered for a cancelled meeting."))
    if not meeting.has_started():
        raise ValidationError(_("Attendance can be registered once the meeting has started."))
    allowed = {value for value, _label in Invitation.Attendance.choices} | {""}
    invitations = {i.pk: i for i in Invitation.objects.select_for_update().filter(meeting=meeting)}
    unknown = set(attendance) - set(invitations)
    if unknown or not set(attendance.values()) <= allowed:
        raise ValidationError(_("The attendance list does not match the meeting's invitations."))
    changed = 0
    for pk, value in attendance.items():
        invitation = invitations[pk]
        if invitation.attendance == value:
            continue
        invitation.attendance = value
        save(invitation, actor=actor)
        changed += 1
    if meeting.status == Meeting.Status.PLANNED and meeting.ends_at <= timezone.now():
        meeting.status = Meeting.Status.HELD
        save(meeting, actor=actor)
    return changed


@transaction.atomic
def add_meeting_paper(*, actor, meeting: Meeting, kind: str, title: str, file) -> MeetingPaper:
    """Attach a paper; only the group's members and staff can read it (a checked view)."""
    require(actor, "steering.manage_group", meeting.group)
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension not in PAPER_EXTENSIONS:
        raise ValidationError(
            {"file": _("Upload a PDF, Word, Excel, PowerPoint, OpenDocument or text file.")}
        )
    if file.size > PAPER_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    paper = MeetingPaper(meeting=meeting, kind=kind, title=title.strip() or file.name, file=file)
    paper.full_clean()
    save(paper, actor=actor)
    return paper


@transaction.atomic
def issue_calendar_token(*, actor, person: Person) -> str:
    """A new feed address for the person; any old one stops working at once.

    Returns the token, which is stored only as its hash: the caller shows it now or never.
    """
    require(actor, "steering.edit_person", person)
    token = new_calendar_token()
    CalendarToken.objects.update_or_create(
        person=person, defaults={"token_hash": hash_calendar_token(token)}
    )
    return token
