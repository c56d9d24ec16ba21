"""The meeting page, planning forms and papers: who may do what, and bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from steering.meetings.services import PAPER_MAX_BYTES, schedule_meeting
from steering.models import Invitation, Meeting, MeetingPaper, Message
from tests import factories
from tests.uploads import spy_on_kept_bytes

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "secretariat",
    "admin_hovedstaden",
    "circle_member",
    "chair",
    "member",
    "outsider",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(secretariat, group, member_seat, chair_seat):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    return schedule_meeting(
        actor=secretariat,
        group=group,
        kind=Meeting.Kind.FULL_DAY,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        place="Rigshospitalet",
        agenda="- Godkendelse af referat\n- Indikatorer",
    )


@pytest.fixture
def paper(meeting, secretariat):
    return MeetingPaper.objects.create(
        meeting=meeting,
        kind=MeetingPaper.Kind.AGENDA,
        title="Dagsorden",
        file=SimpleUploadedFile("dagsorden.pdf", b"%PDF-1.4 secret agenda"),
    )


def login(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


READ_GRID = {
    "anonymous": 302,
    "secretariat": 200,
    "admin_hovedstaden": 200,
    "circle_member": 200,
    "chair": 200,
    "member": 200,
    "outsider": 404,
}
MANAGE_GRID = {
    "anonymous": 302,
    "secretariat": 200,
    "admin_hovedstaden": 403,
    "circle_member": 403,
    "chair": 403,
    "member": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_meeting_page_and_its_papers(client, request, meeting, paper, persona):
    login(client, request, persona)

    page = client.get(f"/meetings/{meeting.pk}/")
    download = client.get(f"/meetings/{meeting.pk}/papers/{paper.pk}/")

    assert page.status_code == READ_GRID[persona]
    assert download.status_code == READ_GRID[persona]
    if READ_GRID[persona] == 200:
        assert "Rigshospitalet" in page.content.decode()
        assert b"".join(download.streaming_content) == b"%PDF-1.4 secret agenda"
        assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_the_planning_form(client, request, meeting, persona):
    login(client, request, persona)

    response = client.get(f"/groups/{meeting.group_id}/meetings/new/")

    assert response.status_code == MANAGE_GRID[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["change", "cancel", "attendance"])
def test_who_may_open_the_secretariats_meeting_forms(client, request, meeting, persona, page):
    login(client, request, persona)

    assert client.get(f"/meetings/{meeting.pk}/{page}/").status_code == MANAGE_GRID[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_crafted_posts_change_nothing(client, request, meeting, persona):
    if persona == "secretariat":
        pytest.skip("the secretariat may")
    login(client, request, persona)
    start = meeting.starts_at + datetime.timedelta(days=3)
    fields = {
        "kind": "online",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    status = MANAGE_GRID[persona]

    assert client.post(f"/meetings/{meeting.pk}/change/", fields).status_code == status
    assert client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "x"}).status_code == status
    upload = {"kind": "agenda", "title": "x", "file": SimpleUploadedFile("x.pdf", b"x")}
    assert client.post(f"/meetings/{meeting.pk}/papers/", upload).status_code == status
    assert client.post(f"/groups/{meeting.group_id}/meetings/new/", fields).status_code == status

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.kind) == ("planned", 0, "full_day")
    assert Meeting.objects.count() == 1
    assert not MeetingPaper.objects.exists()
    assert not Message.objects.exclude(kind=Message.Kind.INVITATION).exists()


def test_a_paper_of_another_meeting_is_not_served_under_this_one(client, member, meeting, paper):
    other = factories.MeetingFactory(group=meeting.group)
    client.force_login(member)

    assert client.get(f"/meetings/{other.pk}/papers/{paper.pk}/").status_code == 404


def test_the_meeting_page_query_count_is_constant(
    client, member, meeting, paper, django_assert_num_queries
):
    for _ in range(5):
        seat = factories.MembershipFactory(group=meeting.group)
        Invitation.objects.create(meeting=meeting, person=seat.person)
    client.force_login(member)
    client.get(f"/meetings/{meeting.pk}/")  # warm the session

    # user, roles (session from Redis), meeting, membership check (read), invitations, papers
    with django_assert_num_queries(6):
        response = client.get(f"/meetings/{meeting.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count("Karen") >= 7


def test_the_secretariat_plans_a_meeting_from_the_form(client, secretariat, group, member_seat):
    client.force_login(secretariat)
    start = timezone.localtime() + datetime.timedelta(days=30)

    response = client.post(
        f"/groups/{group.pk}/meetings/new/",
        {
            "kind": "full_day",
            "starts_at": start.strftime("%Y-%m-%dT09:30"),
            "ends_at": start.strftime("%Y-%m-%dT15:30"),
            "place": "Hotel Nyborg Strand",
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    # entered in Danish time, stored in UTC
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "09:30"
    assert meeting.invitations.get().person_id == member_seat.person_id
    assert Message.objects.filter(kind=Message.Kind.INVITATION).count() == 1


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (datetime.timedelta(days=30, hours=2), datetime.timedelta(days=30, hours=1), "ends_at"),
        (datetime.timedelta(days=-1), datetime.timedelta(days=-1, hours=-2), "starts_at"),
        (None, None, "starts_at"),
    ],
    ids=["ends before it starts", "in the past", "garbage"],
)
def test_bad_input_on_the_planning_form_is_a_clear_message_and_writes_nothing(
    client, secretariat, group, member_seat, starts, ends, field
):
    client.force_login(secretariat)
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {"kind": "ordinary"}
    if starts is None:
        data.update(starts_at="tomorrow", ends_at="later")
    else:
        data.update(starts_at=(now + starts).strftime(fmt), ends_at=(now + ends).strftime(fmt))
        if starts < datetime.timedelta(0):
            data["ends_at"] = (now + starts + datetime.timedelta(hours=2)).strftime(fmt)

    response = client.post(f"/groups/{group.pk}/meetings/new/", data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "alert-error" in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Message.objects.exists()


def test_moving_from_the_form_notifies_and_bumps_the_sequence(client, secretariat, meeting):
    client.force_login(secretariat)
    start = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=2)

    response = client.post(
        f"/meetings/{meeting.pk}/change/",
        {
            "kind": meeting.kind,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
            "place": meeting.place,
            "agenda": meeting.agenda,
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert Message.objects.filter(kind=Message.Kind.MEETING_UPDATE).count() == 2


def test_cancelling_from_the_form(client, secretariat, meeting):
    client.force_login(secretariat)

    response = client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Sygdom"})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert Message.objects.filter(kind=Message.Kind.MEETING_CANCELLED).count() == 2


def test_the_secretariat_uploads_a_paper(client, secretariat, member, meeting):
    client.force_login(secretariat)

    response = client.post(
        f"/meetings/{meeting.pk}/papers/",
        {"kind": "minutes", "title": "Referat", "file": SimpleUploadedFile("referat.pdf", b"%PDF")},
    )

    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert paper.history.get().history_user == secretariat
    client.force_login(member)
    assert "Referat" in client.get(f"/meetings/{meeting.pk}/").content.decode()


def test_a_paper_of_a_forbidden_type_is_refused(client, secretariat, meeting):
    client.force_login(secretariat)

    response = client.post(
        f"/meetings/{meeting.pk}/papers/",
        {"kind": "agenda", "file": SimpleUploadedFile("virus.exe", b"MZ")},
    )

    assert response.status_code == 400
    assert response.context["paper_form"].errors["file"]
    assert not MeetingPaper.objects.exists()


def test_a_paper_past_the_limit_is_refused_as_it_arrives(client, secretariat, meeting, monkeypatch):
    kept = spy_on_kept_bytes(monkeypatch)
    client.force_login(secretariat)

    response = client.post(
        f"/meetings/{meeting.pk}/papers/",
        {"kind": "agenda", "file": SimpleUploadedFile("big.pdf", b"%" * (PAPER_MAX_BYTES + 1))},
    )

    assert response.status_code == 400
    assert "20 MB" in str(response.context["paper_form"].errors["file"])
    assert sum(kept) <= PAPER_MAX_BYTES
    assert not MeetingPaper.objects.exists()


def test_papers_are_not_under_a_public_media_url(settings):
    assert not getattr(settings, "MEDIA_URL", "").strip("/")


def test_the_meeting_page_for_the_secretariat_has_a_constant_query_count(
    client, secretariat, meeting, paper, django_assert_num_queries
):
    for _ in range(5):
        seat = factories.MembershipFactory(group=meeting.group)
        Invitation.objects.create(meeting=meeting, person=seat.person)
    client.force_login(secretariat)
    client.get(f"/meetings/{meeting.pk}/")

    # user, roles (session from Redis), meeting, invitations, papers (staff need no seat check)
    with django_assert_num_queries(5):
        response = client.get(f"/meetings/{meeting.pk}/")

    body = response.content.decode()
    assert "Rigshospitalet" in body
    assert f"/meetings/{meeting.pk}/cancel/" in body
    assert f"/meetings/{meeting.pk}/papers/" in body


def test_the_meeting_address_is_stable():
    from django.urls import resolve, reverse

    assert reverse("steering:meeting-detail", kwargs={"pk": 7}) == "/meetings/7/"
    assert resolve("/meetings/7/").view_name == "steering:meeting-detail"
    assert reverse("steering:calendar-feed", kwargs={"token": "abc"}) == "/me/calendar/abc.ics"


def test_a_time_that_does_not_exist_in_danish_time_is_a_clear_message(
    client, secretariat, group, member_seat
):
    client.force_login(secretariat)

    # 02:30 on the last Sunday of March 2031 is skipped when summer time begins.
    response = client.post(
        f"/groups/{group.pk}/meetings/new/",
        {"kind": "online", "starts_at": "2031-03-30T02:30", "ends_at": "2031-03-30T04:00"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["starts_at"]
    assert not Meeting.objects.exists()
