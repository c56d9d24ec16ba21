"""Attendance registration by the secretariat and the statistics over 24 months."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rkkp_portal.paging import PAGE_SIZE
from steering.meetings import attendance
from steering.meetings.services import register_attendance
from steering.models import Invitation, Meeting, Membership
from tests import factories

pytestmark = pytest.mark.django_db


def held(group, days_ago: int, kind=Meeting.Kind.FULL_DAY, **fields) -> Meeting:
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return factories.MeetingFactory(
        group=group,
        kind=kind,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        **fields,
    )


def invited(meeting, person, attendance_value="") -> Invitation:
    return Invitation.objects.create(meeting=meeting, person=person, attendance=attendance_value)


def test_the_secretariat_registers_attendance_and_the_meeting_becomes_held(
    secretariat, group, member_seat, chair_seat
):
    meeting = held(group, 1)
    a = invited(meeting, member_seat.person)
    b = invited(meeting, chair_seat.person)

    changed = register_attendance(
        actor=secretariat, meeting=meeting, attendance={a.pk: "present", b.pk: "apologies"}
    )

    assert changed == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attendance, b.attendance) == ("present", "apologies")
    assert a.history.first().history_user == secretariat
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_attendance_cannot_be_registered_before_the_meeting(secretariat, group, member_seat):
    meeting = factories.MeetingFactory(group=group)
    a = invited(meeting, member_seat.person)

    with pytest.raises(ValidationError):
        register_attendance(actor=secretariat, meeting=meeting, attendance={a.pk: "present"})

    a.refresh_from_db()
    assert a.attendance == ""


def test_an_invitation_of_another_meeting_or_a_bad_value_changes_nothing(
    secretariat, group, member_seat, chair_seat
):
    meeting = held(group, 1)
    other = held(group, 2)
    mine = invited(meeting, member_seat.person)
    foreign = invited(other, chair_seat.person)

    for crafted in ({mine.pk: "present", foreign.pk: "present"}, {mine.pk: "asleep"}):
        with pytest.raises(ValidationError):
            register_attendance(actor=secretariat, meeting=meeting, attendance=crafted)

    assert set(Invitation.objects.values_list("attendance", flat=True)) == {""}


def test_the_attendance_page_saves_the_choices(client, secretariat, group, member_seat):
    meeting = held(group, 1)
    a = invited(meeting, member_seat.person)
    client.force_login(secretariat)

    response = client.post(f"/meetings/{meeting.pk}/attendance/", {f"invitation_{a.pk}": "remote"})

    assert response.status_code == 302
    a.refresh_from_db()
    assert a.attendance == "remote"


def test_the_attendance_page_before_the_meeting_shows_the_reason(
    client, secretariat, group, member_seat
):
    meeting = factories.MeetingFactory(group=group)
    a = invited(meeting, member_seat.person)
    client.force_login(secretariat)

    response = client.post(f"/meetings/{meeting.pk}/attendance/", {f"invitation_{a.pk}": "present"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    a.refresh_from_db()
    assert a.attendance == ""


@pytest.fixture
def history(group, other_group, member_seat, chair_seat, hovedstaden, syddanmark):
    """Two years of meetings: what counts and what does not."""
    leader = factories.MembershipFactory(
        group=group,
        role=Membership.Role.LEADERSHIP,
        representing_region=None,
        person__employer__region=syddanmark,
    )
    full = held(group, 30)
    ordinary = held(group, 60, kind=Meeting.Kind.ORDINARY)
    invited(full, member_seat.person, "present")
    invited(full, chair_seat.person, "remote")
    invited(full, leader.person, "apologies")
    invited(ordinary, member_seat.person, "absent")
    invited(ordinary, leader.person, "present")  # not a full-day meeting
    old = held(group, 800)  # more than 24 months ago
    invited(old, member_seat.person, "absent")
    cancelled = held(group, 10, status=Meeting.Status.CANCELLED)
    invited(cancelled, member_seat.person, "absent")
    future = factories.MeetingFactory(group=group)
    invited(future, member_seat.person)
    return {"leader": leader, "group": group}


def test_statistics_per_member_count_the_last_24_months(history, member_seat):
    rows = {row["label"]: row for row in attendance.statistics("member")}

    row = rows[member_seat.person.full_name]
    counts = (row["invited"], row["present"], row["absent"], row["registered"])
    assert counts == (2, 1, 1, 2)
    assert attendance.rate(row) == 50


def test_statistics_per_group_and_region(history, group, syddanmark):
    (group_row,) = attendance.statistics("group")
    assert group_row["label"] == group.database.name
    assert (group_row["invited"], group_row["present"], group_row["remote"]) == (5, 2, 1)

    regions = {row["label"]: row for row in attendance.statistics("region")}
    assert regions["Region Syddanmark"]["invited"] == 2  # the leader


def test_statistics_for_leadership_representatives_count_full_day_meetings_only(history):
    (row,) = attendance.statistics("leadership")

    assert row["label"] == history["leader"].person.full_name
    assert (row["invited"], row["apologies"], row["present"]) == (1, 1, 0)
    assert attendance.rate(row) == 0


def test_the_statistics_are_shown_a_page_at_a_time(client, secretariat, group):
    meeting = held(group, 30)
    for _ in range(PAGE_SIZE + 3):
        invited(meeting, factories.PersonFactory(), "present")
    client.force_login(secretariat)

    first = client.get("/meetings/attendance/")
    second = client.get("/meetings/attendance/", {"page": "2"})

    assert len(first.context["page_obj"]) == PAGE_SIZE
    assert [row["rate"] for row in second.context["page_obj"]] == [100, 100, 100]
    assert 'href="?page=2"' in first.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("circle_member", 200),
        ("admin_hovedstaden", 403),
        ("member", 403),
        ("anonymous", 302),
    ],
)
def test_who_sees_the_statistics(client, request, history, persona, status):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    for by in attendance.VIEWS:
        assert client.get(f"/meetings/attendance/?by={by}").status_code == status


def test_the_statistics_export_as_csv(client, secretariat, history, member_seat):
    client.force_login(secretariat)

    response = client.get("/meetings/attendance/?by=member&format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 3  # header; the member, the chair and the leader
    by_name = {row[0]: row for row in rows[1:]}
    # Invitations, present, online, apologies, absent, not registered, recorded, rate.
    assert by_name[member_seat.person.full_name][2:] == ["2", "1", "0", "0", "1", "0", "2", "50"]


def test_a_rate_says_how_many_answers_it_rests_on(client, secretariat, group, hovedstaden):
    """100 % of one recorded answer in 3 invitations is shown as such, not as 100 %."""
    meeting = held(group, 30)
    people = [factories.PersonFactory(employer__region=hovedstaden) for _ in range(3)]
    invited(meeting, people[0], "present")
    for person in people[1:]:
        invited(meeting, person)
    client.force_login(secretariat)
    client.cookies["django_language"] = "en"

    page = client.get("/meetings/attendance/?by=region")
    (row,) = page.context["page_obj"]
    assert (row["rate"], row["registered"], row["invited"]) == (100, 1, 3)
    assert "100 % (1 of 3 recorded)" in " ".join(page.text.split())
    csv_text = client.get("/meetings/attendance/?by=region&format=csv").content.decode("utf-8-sig")
    header, line = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert dict(zip(header, line, strict=True))["Recorded"] == "1"


def test_a_formula_in_a_name_is_neutralised_in_the_csv(client, secretariat, group):
    person = factories.PersonFactory(first_name="=HYPERLINK(1)")
    invited(held(group, 5), person, "present")
    client.force_login(secretariat)

    content = client.get("/meetings/attendance/?format=csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in content


def test_the_statistics_page_query_count_is_constant(
    client, secretariat, history, django_assert_num_queries
):
    client.force_login(secretariat)
    client.get("/meetings/attendance/")

    # user, roles (the session is read from the cache), the rows counted, a page of them
    with django_assert_num_queries(4):
        client.get("/meetings/attendance/?by=leadership")
