"""Answers to invitations, attendance after a meeting, papers and calendar addresses."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steering.models import CalendarToken, Invitation, Meeting, MeetingPaper, Person
from steering.models.calendars import new_calendar_token
from steering.services.base import require, save

ANSWERS = {Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE}
PAPER_EXTENSIONS = {"pdf", "docx", "doc", "xlsx", "pptx", "odt", "txt"}
PAPER_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def respond_to_invitation(*, actor, invitation: Invitation, response: str) -> Invitation:
    """Record a member's answer. ``actor=None`` is a signed link, already checked by its reader."""
    require(actor, "steering.respond_to_invitation", invitation)
    if response not in ANSWERS:
        raise ValidationError({"response": _("Choose yes, no or maybe.")})
    locked = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    meeting = locked.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting has been cancelled."), code="cancelled")
    if meeting.has_started():
        raise ValidationError(_("The meeting has already started."), code="started")
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


def calendar_token_for(person: Person) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(person=person)
    return token


@transaction.atomic
def reset_calendar_token(*, actor, person: Person) -> CalendarToken:
    """Give the person a new feed address; the old one stops working at once."""
    require(actor, "steering.edit_person", person)
    token, created = CalendarToken.objects.select_for_update().get_or_create(person=person)
    if not created:
        token.token = new_calendar_token()
        token.save(update_fields=["token", "created_at"])
    return token
