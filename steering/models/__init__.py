from steering.models.calendars import CalendarToken
from steering.models.databases import ClinicalDatabase, SteeringGroup
from steering.models.declarations import Declaration
from steering.models.group_letters import GroupLetter
from steering.models.meetings import Invitation, Meeting, MeetingPaper
from steering.models.memberships import Membership
from steering.models.messages import Message
from steering.models.people import Person
from steering.models.succession import SuccessionAsk
from steering.models.texts import StandardText

__all__ = [
    "CalendarToken",
    "ClinicalDatabase",
    "Declaration",
    "GroupLetter",
    "Invitation",
    "Meeting",
    "MeetingPaper",
    "Membership",
    "Message",
    "Person",
    "StandardText",
    "SteeringGroup",
    "SuccessionAsk",
]
