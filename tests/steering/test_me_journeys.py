"""Every page a member reaches from their menu, dashboard and own page answers, on both
databases: a chair, a leadership representative and a member representing a region (the
demo's three kinds of member) sign in and follow every link; then each makes the writes
a member makes (own details, an answer to an invitation, the declaration of interests).
"""

import datetime
import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from regions.models import BuyOutAgreement, EmployerBacking, SupportContact, WelcomeLetterSupplement
from steering.models import Declaration, Invitation, Meeting, MeetingPaper, Membership, Message
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
PERSONAS = ["chair", "leader", "member"]
# Signing out, the admin, the language switch and assets are not pages a member reads.
NOT_PAGES = ("/accounts/logout/", "/admin/", "/i18n/", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]*)')


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def leader_seat(group):
    return factories.MembershipFactory(
        group=group,
        role=Membership.Role.LEADERSHIP,
        representing_region=None,
        appointing_body=Membership.AppointingBody.CIRCLE,
        person__leadership_level="director",
    )


@pytest.fixture
def leader(leader_seat):
    return factories.make_member_login(leader_seat)


@pytest.fixture
def journeys(group, other_group, hovedstaden, chair, chair_seat, leader, member, member_seat):
    """What a member has in the demo: meetings (next, cancelled, past) with a paper, a
    letter each, their region's support, backing and buy-out, an earlier declaration and a
    past seat, the database's RKKP contact person."""
    group.database.contact_person = factories.UserFactory(first_name="Rita", last_name="Kontakt")
    group.database.save()
    SupportContact.objects.create(
        region=hovedstaden, kind="lis", name="LIS-hotline", email="lis@regionh.example"
    )
    WelcomeLetterSupplement.objects.update_or_create(
        region=hovedstaden, defaults={"body": "Hovedstadens tilbud"}
    )
    EmployerBacking.objects.create(
        membership=chair_seat, confirmed_on=datetime.date(2024, 2, 1), confirmed_by="Direktør"
    )
    BuyOutAgreement.objects.create(
        membership=chair_seat,
        employer=chair_seat.person.employer,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        annual_amount_dkk=100000,
        hours_per_month=10,
    )
    factories.MembershipFactory(
        person=member_seat.person,
        group=other_group,
        status=Membership.Status.ENDED,
        term_start=datetime.date(2018, 1, 1),
        term_end=datetime.date(2021, 12, 31),
        ended_on=datetime.date(2021, 6, 30),
    )
    now = timezone.now()
    meetings = {
        "next": factories.MeetingFactory(group=group, title="Årsmøde"),
        "cancelled": factories.MeetingFactory(
            group=group,
            starts_at=now + datetime.timedelta(days=50),
            status=Meeting.Status.CANCELLED,
            cancellation_reason="Flyttet",
        ),
        "past": factories.MeetingFactory(
            group=group,
            kind=Meeting.Kind.ONLINE,
            starts_at=now - datetime.timedelta(days=40),
            status=Meeting.Status.HELD,
        ),
    }
    paper = MeetingPaper.objects.create(
        meeting=meetings["next"],
        kind=MeetingPaper.Kind.AGENDA,
        title="Dagsorden",
        file=SimpleUploadedFile("dagsorden.pdf", b"%PDF-1.4 agenda"),
    )
    letters = {}
    for seat in (chair_seat, leader.person.memberships.get(), member_seat):
        person = seat.person
        for meeting in meetings.values():
            Invitation.objects.create(
                meeting=meeting,
                person=person,
                attendance=Invitation.Attendance.PRESENT if meeting is meetings["past"] else "",
            )
        letters[person.pk] = Message.objects.create(
            kind=Message.Kind.WELCOME,
            idempotency_key=f"journey:{person.pk}",
            recipient_person=person,
            recipient_email=person.email,
            subject="Velkommen i styregruppen",
            body_text="Kære medlem",
        )
        Declaration.objects.create(
            person=person, year=2024, nothing_to_declare=True, submitted_at=now
        )
    return {"meetings": meetings, "paper": paper, "letters": letters}


def sign_in(client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def links(response) -> list[str]:
    found = []
    for href in HREF.findall(response.content.decode()):
        address = urlparse(urldefrag(href.replace("&amp;", "&"))[0])
        if address.scheme or address.netloc or not address.path.startswith("/"):
            continue  # mail, phone and external links
        if not address.path.startswith(NOT_PAGES):
            found.append(address.path + (f"?{address.query}" if address.query else ""))
    return found


def walk(client, start: list[str], depth: int) -> dict[str, int]:
    """Every page reachable from ``start`` in ``depth`` clicks, and the status it answered."""
    answered: dict[str, int] = {}
    queue = deque((address, 0) for address in start)
    while queue:
        address, clicks = queue.popleft()
        if address in answered:
            continue
        response = client.get(address)
        answered[address] = response.status_code
        if response.status_code == 302:
            # Into the member's own region's page, or allauth's reauthentication step.
            queue.append((response["Location"], clicks))
        elif clicks < depth and response["Content-Type"].startswith("text/html"):
            queue.extend((link, clicks + 1) for link in links(response))
    return answered


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_member_reaches_from_menu_dashboard_and_own_page_answers(
    client, request, persona, journeys
):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    # Menu and dashboard (/), the own page (/me/), and what those pages link to.
    answered = walk(client, ["/", "/me/"], depth=2)

    failed = {address: status for address, status in answered.items() if status not in (200, 302)}
    assert failed == {}
    meetings = journeys["meetings"].values()
    must_reach = {
        "/",
        "/me/",
        reverse("me-details"),
        reverse("me-declaration"),
        reverse("me-fellows"),
        reverse("steering:calendar-settings"),
        reverse("steering:message-list"),
        reverse("steering:message-detail", kwargs={"pk": journeys["letters"][user.person.pk].pk}),
        reverse("privacy"),
        reverse("steering:meeting-ics", kwargs={"pk": journeys["meetings"]["next"].pk}),
        reverse(
            "steering:meeting-paper",
            kwargs={"pk": journeys["paper"].meeting_id, "paper_pk": journeys["paper"].pk},
        ),
        *(meeting.get_absolute_url() for meeting in meetings),
    }
    assert must_reach - set(answered) == set()
    assert all(answered[address] == 200 for address in must_reach)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_members_calendar_feeds_answer_without_login(client, request, persona, journeys):
    client.force_login(request.getfixturevalue(persona))
    # The address is shown once, when it is made (only its hash is kept).
    page = client.post(reverse("steering:calendar-settings"), follow=True).content.decode()
    feeds = re.findall(r"<code>" + re.escape(settings.SITE_URL) + r"(/[^<]+)</code>", page)
    assert len(feeds) == 2  # all my meetings, and my one group's
    client.logout()
    for feed in feeds:
        response = client.get(feed)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert str(journeys["meetings"]["next"].uid) in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_member_changes_their_details_answers_and_declares(client, request, persona, journeys):
    user = request.getfixturevalue(persona)
    person = user.person
    meeting = journeys["meetings"]["next"]
    sign_in(client, user)
    assert client.get("/me/").context["declaration_missing"] is True

    response = client.post(
        reverse("me-details"),
        {"title": "Overlæge, ph.d.", "phone": "+45 3545 0000", "language": "da"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.title, person.phone) == ("Overlæge, ph.d.", "+45 3545 0000")

    response = client.post(
        reverse("steering:meeting-respond", kwargs={"pk": meeting.pk}), {"response": "no"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get(meeting=meeting, person=person).response == "no"

    response = client.post(reverse("me-declaration"), {"nothing_to_declare": "on"})
    assert response.status_code == 302
    assert Declaration.objects.get(person=person, year=timezone.localdate().year).submitted_at

    response = client.get("/me/")
    assert response.status_code == 200
    assert response.context["declaration_missing"] is False
    assert response.context["unanswered"] == []
    assert "Deltager ikke" in response.content.decode()
