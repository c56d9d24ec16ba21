"""Scoped querysets and fetch-and-authorise helpers for meetings and their papers.

Staff roles see every meeting; a member sees the meetings of the groups they sit in.
Anyone else gets 404, so a meeting's existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from steering.access import groups_visible_to
from steering.models import Invitation, Meeting, MeetingPaper


def invitations_counted_for(user) -> QuerySet[Invitation]:
    """The invitations whose attendance ``user`` may count (``steering.view_yearly_attendance``):
    every one for the secretariat and the circle, those of the people employed in their
    region for a regional administrator, none for anyone else."""
    invitations = Invitation.objects.all()
    if not user.is_authenticated:
        return invitations.none()
    roles = user.roles
    if roles.secretariat or roles.circle:
        return invitations
    if roles.admin_region_id is not None:
        return invitations.filter(person__region_id=roles.admin_region_id)
    return invitations.none()


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group__in=groups_visible_to(user))


def get_meeting_for(user, pk: int, perm: str = "steering.read_meeting") -> Meeting:
    meeting = meetings_visible_to(user).select_related("group__database").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if not user.has_perm(perm, meeting if perm == "steering.read_meeting" else meeting.group):
        raise PermissionDenied
    return meeting


def get_paper_for(user, meeting_pk: int, pk: int) -> MeetingPaper:
    meeting = get_meeting_for(user, meeting_pk)
    paper = MeetingPaper.objects.filter(meeting=meeting, pk=pk).first()
    if paper is None:
        raise Http404
    paper.meeting = meeting
    return paper
