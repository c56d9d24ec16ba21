"""A person with one of everything the portal can hold about someone.

The names and addresses are unusual on purpose: after anonymisation, the tests search
every text column of the database for them and expect no hit.
"""

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from regions.models import AppointmentRequest, BuyOutAgreement, EmployerBacking, SupportContact
from representatives.models import CircleMember, LeadershipNomination
from rkkp_portal.accounts.models import SignInEvent, User
from steering.meetings.services import issue_calendar_token
from steering.models import Declaration, Invitation, Membership, Message, Person, SuccessionAsk
from tests import factories

OLD_FIRST, OLD_LAST = "Zebulonia", "Quaxworth"
OLD_NAME = f"{OLD_FIRST} {OLD_LAST}"
OLD_EMAIL = "zebulonia.quaxworth@hospital.example"
OLD_PHONE = "+45 7012 3456"
SECRET_DECLARATION = "Shares in Quaxpharma A/S"
TOTP_SECRET = "JBSWY3DPEHPK3PXPTOTPSECRET"


@dataclass
class Everything:
    person: Person
    user: User
    seat: Membership
    declaration: Declaration
    nomination: LeadershipNomination
    letter: Message
    letter_about: Message


def long_ago(days: int = 6 * 365) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def make_everything(group, *, ended: bool = True, email: str = OLD_EMAIL) -> Everything:
    """A former chair with a login, declarations, a nomination, letters, a calendar feed …

    Seats ended six years ago (past the default five) unless ``ended`` is False.
    """
    start = (timezone.now() - datetime.timedelta(days=10 * 365)).date()
    end = (timezone.now() - datetime.timedelta(days=6 * 365)).date()
    person = factories.PersonFactory(
        first_name=OLD_FIRST,
        last_name=OLD_LAST,
        email=email,
        phone=OLD_PHONE,
        title="Overlæge, klinikchef",
        listing_consent_at=long_ago(),
    )
    seat = factories.MembershipFactory(
        person=person,
        group=group,
        role="chair",
        representing_region=None,
        appointing_body="rkkp",
        term_start=start,
        term_end=start + datetime.timedelta(days=4 * 365),
        status="ended" if ended else "active",
        ended_on=end if ended else None,
        end_reason=f"{OLD_FIRST} moved abroad" if ended else "",
        term_limit_exception=f"{OLD_FIRST} stays on until a successor is found",
    )
    user = factories.make_member_login(seat)
    User.objects.filter(pk=user.pk).update(last_login=long_ago(), first_name=OLD_FIRST)
    user.refresh_from_db()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Authenticator.objects.create(user=user, type="totp", data={"secret": TOTP_SECRET})
    SignInEvent.objects.create(
        kind="sso_sign_in", outcome="succeeded", user=user, method="sso:region-h+idp_mfa"
    )
    SocialAccount.objects.create(user=user, provider="region-h", uid=f"subject-{user.pk}")
    meeting = factories.MeetingFactory(group=group, starts_at=long_ago(7 * 365))
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=6)
    meeting.save()
    Invitation.objects.create(meeting=meeting, person=person, response="yes", attendance="present")
    declaration = Declaration.objects.create(
        person=person,
        year=start.year + 1,
        financial_interests=SECRET_DECLARATION,
        submitted_at=long_ago(),
    )
    proposer = factories.make_circle_member()
    nomination = LeadershipNomination.objects.create(
        person=person,
        group=group,
        proposed_by=proposer,
        motivation=f"{OLD_NAME} leads well",
        status="withdrawn",
    )
    AppointmentRequest.objects.create(
        group=group,
        region=factories.region("hovedstaden"),
        reason="A seat to fill",
        due_on=start,
        status="answered",
        membership=seat,
        answered_at=long_ago(),
    )
    BuyOutAgreement.objects.create(
        membership=seat,
        employer=person.employer,
        starts_on=start,
        ends_on=end,
        hours_per_month=20,
        annual_amount_dkk=100000,
        status="ended",
        notes=f"Agreed with {OLD_NAME}",
    )
    EmployerBacking.objects.create(
        membership=seat, confirmed_on=start, confirmed_by="Direktør Hans Hansen", notes="OK"
    )
    SuccessionAsk.objects.create(
        membership=seat,
        body="secretariat",
        asked_on=start,
        member_asked=True,
        willing="no",
        comment=f"{OLD_FIRST} would rather hand over",
        answered_at=long_ago(),
        status="closed",
        closed_at=long_ago(),
    )
    issue_calendar_token(actor=None, person=person)
    letter = Message.objects.create(
        kind="welcome",
        idempotency_key=f"welcome:{seat.pk}",
        recipient_person=person,
        recipient_email=email,
        subject="Velkommen",
        body_text=f"Kære {OLD_NAME}",
        body_html=f"<p>Kære {OLD_NAME}</p>",
        status="sent",
        sent_at=long_ago(),
    )
    Message.objects.filter(pk=letter.pk).update(created_at=long_ago())
    letter_about = Message.objects.create(
        kind="term_alert",
        idempotency_key=f"term-alert:{seat.pk}",
        recipient_email="sekretariat@rkkp.example",
        subject=f"Udløb: {OLD_NAME}",
        body_text=f"{OLD_NAME} ({OLD_EMAIL}) udløber",
        status="failed",
        last_error="SMTPRecipientsRefused",
    )
    Message.objects.filter(pk=letter_about.pk).update(created_at=long_ago())
    LogEntry.objects.create(
        user=factories.make_secretariat(),
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=OLD_NAME,
        action_flag=CHANGE,
        change_message="[]",
    )
    # A change in the person's record made with their own login (self-service).
    person.phone = OLD_PHONE.replace("3456", "9999")
    person._history_user = user
    person.save()
    Person.objects.filter(pk=person.pk).update(created_at=long_ago(11 * 365))
    return Everything(person, user, seat, declaration, nomination, letter, letter_about)


@pytest.fixture
def everything(group):
    return make_everything(group)


@pytest.fixture
def staff_roles(everything, group):
    """The same login with every staff relation (for the export's completeness)."""
    user = everything.user
    CircleMember.objects.create(user=user, title="Koncerndirektør", active=False)
    factories.region("syddanmark")
    from regions.models import RegionalAdministrator

    RegionalAdministrator.objects.create(
        user=user, region=factories.region("syddanmark"), active=False
    )
    database = group.database
    database.contact_person = user
    database.save()
    other = factories.PersonFactory()
    LeadershipNomination.objects.create(
        person=other, group=group, proposed_by=user, motivation="Good", status="proposed"
    )
    other_seat = factories.MembershipFactory(
        person=other, role="chair", representing_region=None, appointing_body="rkkp"
    )
    BuyOutAgreement.objects.create(
        membership=other_seat,
        employer=other.employer,
        starts_on=other_seat.term_start,
        ends_on=other_seat.term_end,
        hours_per_month=5,
        annual_amount_dkk=1,
        status="approved",
        decided_by=user,
        decided_at=timezone.now(),
    )
    SuccessionAsk.objects.create(
        membership=other_seat,
        body="secretariat",
        asked_on=other_seat.term_start,
        status="reappointed",
        renewal_starts=other_seat.term_end + datetime.timedelta(days=1),
        renewal_ends=other_seat.term_end + datetime.timedelta(days=4 * 365),
        decided_by=user,
        decided_at=timezone.now(),
        closed_at=timezone.now(),
    )
    SupportContact.objects.create(
        region=factories.region("hovedstaden"), kind="general", name=OLD_NAME, email=OLD_EMAIL
    )
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(other.pk),
        object_repr=str(other),
        action_flag=CHANGE,
        change_message="[]",
    )
    from allauth.usersessions.models import UserSession

    UserSession.objects.create(
        user=user, ip="192.0.2.7", session_key="k" * 32, user_agent="Firefox/140"
    )
    return everything
