"""Every kind of action that queues letters, as its user takes it: a page's form, or a
command run by hand. Each journey arranges its data, acts, and says what the user sees
on success, which letters it queues, and whether its change is in the database.

``act`` returns what the user saw: the page's messages after the redirect, or the
command's output.
"""

import datetime
import io
import uuid

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from regions import services as region_services
from regions.models import AppointmentRequest
from representatives.models import LeadershipNomination
from steering.meetings.services import schedule_meeting
from steering.models import Meeting, Membership, Message
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader, make_nomination

Kind = Message.Kind


def today():
    """The day as the portal reads it when the journey runs (a module constant goes stale
    when a run crosses midnight in Copenhagen)."""
    return timezone.localdate()


def posted(client, url: str, data: dict) -> str:
    """Post as the user's browser does; the success is a redirect with a message."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def started(client, url: str, data: dict) -> str:
    """Post an action that runs as a background job: the redirect leads to the job's page,
    which shows the outcome once the job has run (at once, on the embedded default)."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].startswith("/jobs/")
    return client.get(response["Location"]).content.decode()


def ran(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def two_members(group) -> list[Membership]:
    return [factories.MembershipFactory(group=group) for _ in range(2)]


class AppointFromTheRegister:
    """The secretariat appoints a member on the database's page: the welcome letter."""

    letters = {Kind.WELCOME: 1}

    def arrange(self, secretariat):
        self.secretariat = secretariat
        self.group = factories.GroupFactory()
        self.person = factories.PersonFactory()
        self.success = f"{self.person.full_name} was appointed to {self.group.database.name}."

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        url = reverse("steering:appoint", args=[self.group.database.slug])
        data = {
            "person": self.person.pk,
            "role": "member",
            "representing_region": factories.region("hovedstaden").pk,
            "term_start": today().isoformat(),
            "term_end": "",
            "term_number": "1",
        }
        return posted(client, url, data)

    def committed(self) -> bool:
        return Membership.objects.filter(person=self.person, group=self.group).exists()


class AppointInTheRegion:
    """A regional administrator appoints an employee to a seat: the welcome letter."""

    letters = {Kind.WELCOME: 1}

    def arrange(self, secretariat):
        self.admin = factories.make_regional_admin("hovedstaden")
        self.group = factories.GroupFactory()
        self.person = factories.PersonFactory(employer__region=factories.region("hovedstaden"))
        self.success = f"{self.person.full_name} is appointed."

    def act(self, client) -> str:
        client.force_login(self.admin)
        data = {"group": self.group.pk, "person": self.person.pk, "term_start": today()}
        return posted(client, reverse("regions:seat-appoint", args=["hovedstaden"]), data)

    def committed(self) -> bool:
        return Membership.objects.filter(person=self.person, group=self.group).exists()


class ScheduleAMeeting:
    """The secretariat plans a meeting: an invitation to each member."""

    letters = {Kind.INVITATION: 2}
    success = "The meeting is planned and the invitations are on their way."

    def arrange(self, secretariat):
        self.secretariat = secretariat
        self.group = factories.GroupFactory()
        two_members(self.group)

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        data = {
            "kind": "full_day",
            "title": "Forårsmøde",
            "starts_at": local(60, 10),
            "ends_at": local(60, 16),
            "place": "Aarhus",
        }
        return posted(client, reverse("steering:meeting-schedule", args=[self.group.pk]), data)

    def committed(self) -> bool:
        return Meeting.objects.filter(group=self.group, title="Forårsmøde").exists()


class _PlannedMeeting:
    def arrange(self, secretariat):
        self.secretariat = secretariat
        group = factories.GroupFactory()
        two_members(group)
        start = timezone.now() + datetime.timedelta(days=60)
        self.meeting = schedule_meeting(
            actor=secretariat,
            group=group,
            kind="full_day",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            notify=False,
        )


class ChangeAMeeting(_PlannedMeeting):
    """The secretariat moves a meeting: an update to each invitee."""

    letters = {Kind.MEETING_UPDATE: 2}
    success = "The meeting is saved; invitees are told of any change."

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        data = {"kind": "full_day", "starts_at": local(61, 10), "ends_at": local(61, 16)}
        return posted(client, reverse("steering:meeting-change", args=[self.meeting.pk]), data)

    def committed(self) -> bool:
        return Meeting.objects.get(pk=self.meeting.pk).sequence == self.meeting.sequence + 1


class CancelAMeeting(_PlannedMeeting):
    """The secretariat cancels a meeting: a cancellation to each invitee."""

    letters = {Kind.MEETING_CANCELLED: 2}
    success = "The meeting is cancelled and the invitees are told."

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        url = reverse("steering:meeting-cancel", args=[self.meeting.pk])
        return posted(client, url, {"reason": "Sygdom"})

    def committed(self) -> bool:
        return Meeting.objects.get(pk=self.meeting.pk).status == Meeting.Status.CANCELLED


class DecideANomination:
    """The circle approves a leadership representative: the decision to the candidate and
    the proposer, and the new member's welcome letter."""

    letters = {Kind.NOMINATION_DECISION: 2, Kind.WELCOME: 1}
    success = "The decision has been recorded and the letters queued."

    def arrange(self, secretariat):
        ensure_policy()
        self.circle_member = factories.make_circle_member()
        proposer = factories.make_regional_admin("hovedstaden")
        self.nomination = make_nomination(make_leader(), factories.GroupFactory(), proposer)

    def act(self, client) -> str:
        client.force_login(self.circle_member)
        url = reverse("representatives:nomination-decide", args=[self.nomination.pk])
        return posted(client, url, {"decision": "approve", "reasoning": "Erfaren leder"})

    def committed(self) -> bool:
        self.nomination.refresh_from_db()
        return self.nomination.status == LeadershipNomination.Status.APPROVED


class RemindOfDeclarations:
    """ "Send påmindelser" on /declarations/: a reminder to each member without one."""

    letters = {Kind.DECLARATION_REMINDER: 2}
    success = "2 reminders are queued."
    job = True

    def arrange(self, secretariat):
        self.secretariat = secretariat
        two_members(factories.GroupFactory())

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        return started(client, reverse("steering:declaration-remind"), {"year": today().year})

    def committed(self) -> bool:
        return True  # the letters are the change


class RequestAnAppointment:
    """The secretariat asks a region to fill a seat: a letter to each administrator."""

    letters = {Kind.APPOINTMENT_REQUEST: 2}
    success = "The request is sent to the region."

    def arrange(self, secretariat):
        self.secretariat = secretariat
        self.group = factories.GroupFactory()
        for _ in range(2):
            factories.make_regional_admin("hovedstaden")

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        data = {
            "group": self.group.pk,
            "reason": "Ingen fra regionen",
            "due_on": today() + datetime.timedelta(days=30),
        }
        return posted(client, reverse("regions:request-create", args=["hovedstaden"]), data)

    def committed(self) -> bool:
        return AppointmentRequest.objects.filter(group=self.group).exists()


class EscalateARequest:
    """The escalation run by hand: a reminder to the region, a notice to the secretariat."""

    letters = {Kind.ESCALATION: 1, Kind.NOTICE: 1}
    success = "Escalated 1 request(s)."

    def arrange(self, secretariat):
        factories.make_regional_admin("hovedstaden")
        self.request = region_services.request_appointment(
            actor=secretariat,
            group=factories.GroupFactory(),
            region=factories.region("hovedstaden"),
            reason="Ingen fra regionen",
            due_on=today() + datetime.timedelta(days=1),
        )

    def act(self, client) -> str:
        later = today() + datetime.timedelta(days=2)
        return ran("escalate_appointment_requests", f"--date={later.isoformat()}")

    def committed(self) -> bool:
        self.request.refresh_from_db()
        return self.request.status == AppointmentRequest.Status.ESCALATED


class SendMeetingReminders:
    """The reminder scan run by hand: a reminder to who said yes, a nudge to who is silent."""

    letters = {Kind.REMINDER: 1, Kind.RSVP_NUDGE: 1}
    success = "Queued 1 reminder(s) and 1 nudge(s) to answer."

    def arrange(self, secretariat):
        start = timezone.now() + datetime.timedelta(days=13)
        meeting = factories.MeetingFactory(starts_at=start)
        for seat, response in zip(two_members(meeting.group), ["yes", "none"], strict=True):
            meeting.invitations.create(
                person=seat.person,
                response=response,
                invited_at=start - datetime.timedelta(days=30),
            )

    def act(self, client) -> str:
        return ran("send_due_reminders")

    def committed(self) -> bool:
        return True  # the letters are the change


class SendTermAlerts:
    """The term alerts run by hand: a digest to the secretariat and the region's admin."""

    letters = {Kind.TERM_ALERT: 2}
    success = "Queued 2 term-expiry alert(s)."

    def arrange(self, secretariat):
        factories.make_regional_admin("hovedstaden")
        factories.MembershipFactory(term_end=today() + datetime.timedelta(days=30))

    def act(self, client) -> str:
        return ran("send_term_alerts")

    def committed(self) -> bool:
        return True  # the letters are the change


class WriteToAGroup:
    """The secretariat writes to a steering group: one copy per member in office."""

    letters = {Kind.GROUP_LETTER: 2}
    success = "The letter “Nyt fra sekretariatet” is on its way to 2 members."
    job = True

    def arrange(self, secretariat):
        self.secretariat = secretariat
        self.group = factories.GroupFactory()
        two_members(self.group)

    def act(self, client) -> str:
        client.force_login(self.secretariat)
        url = reverse("steering:group-letter", args=[self.group.database.slug])
        data = {"subject": "Nyt fra sekretariatet", "body": "Tekst", "token": str(uuid.uuid4())}
        return started(client, url, {**data, "action": "send"})

    def committed(self) -> bool:
        return self.group.letters.exists()


JOURNEYS = [
    AppointFromTheRegister,
    AppointInTheRegion,
    ScheduleAMeeting,
    ChangeAMeeting,
    CancelAMeeting,
    DecideANomination,
    RemindOfDeclarations,
    RequestAnAppointment,
    EscalateARequest,
    SendMeetingReminders,
    SendTermAlerts,
    WriteToAGroup,
]
