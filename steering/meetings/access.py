"""Scoped querysets and fetch-and-authorise helpers for meetings and their papers.

Staff roles see every meeting; a member sees the meetings of the groups they sit in.
Anyone else gets 404, so a meeting's existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from steering.access import groups_visible_to
from steering.models import Meeting, MeetingPaper


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
