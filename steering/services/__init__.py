"""Write operations of the steering app. Every write goes through these.

Each service is atomic, takes keyword-only arguments, checks the actor's permission,
validates every invariant with ``full_clean()`` so a violation becomes a form error, and
records the actor in history.
"""

from steering.services.databases import create_database, update_database, update_group
from steering.services.declarations import send_declaration_reminders, submit_declaration
from steering.services.invitations import (
    add_meeting_paper,
    register_attendance,
    reset_calendar_token,
    respond_to_invitation,
)
from steering.services.meetings import cancel_meeting, change_meeting, schedule_meeting
from steering.services.memberships import (
    appoint_member,
    appoint_person,
    default_term_end,
    edit_membership,
    end_membership,
    reappoint_member,
    register_person,
    update_person,
)
from steering.services.people_self import set_listing_consent, update_own_details

__all__ = [
    "add_meeting_paper",
    "appoint_member",
    "appoint_person",
    "cancel_meeting",
    "change_meeting",
    "create_database",
    "default_term_end",
    "edit_membership",
    "end_membership",
    "reappoint_member",
    "register_attendance",
    "register_person",
    "reset_calendar_token",
    "respond_to_invitation",
    "schedule_meeting",
    "send_declaration_reminders",
    "set_listing_consent",
    "submit_declaration",
    "update_database",
    "update_group",
    "update_own_details",
    "update_person",
]
