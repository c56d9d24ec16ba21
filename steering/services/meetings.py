"""Meetings and their invitations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from steering.models import Invitation, Meeting, Membership, SteeringGroup
from steering.services.base import require, save


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
) -> Meeting:
    """Plan a meeting and invite every active member of the group.

    ``allow_past`` is for recording meetings already held (imports, demo data).
    """
    require(actor, "steering.manage_group", group)
    if not allow_past and starts_at < timezone.now():
        raise ValidationError({"starts_at": _("A new meeting cannot start in the past.")})
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
    bulk_create_with_history(
        [Invitation(meeting=meeting, person_id=pk) for pk in sorted(set(person_ids))],
        Invitation,
        default_user=actor,
    )
    return meeting
