"""Write operations of the steering app. Every write goes through these.

Each service is atomic, takes keyword-only arguments, checks the actor's permission,
validates every invariant with ``full_clean()`` so a violation becomes a form error, and
records the actor in history.
"""

from steering.services.databases import create_database
from steering.services.meetings import schedule_meeting
from steering.services.memberships import (
    appoint_member,
    default_term_end,
    end_membership,
    register_person,
)

__all__ = [
    "appoint_member",
    "create_database",
    "default_term_end",
    "end_membership",
    "register_person",
    "schedule_meeting",
]
