"""The queries behind the benchmarked pages use their indexes.

Approach: a few rows from the factories, fresh statistics (ANALYZE), then EXPLAIN with
``SET LOCAL enable_seqscan = off``. With so few rows PostgreSQL would rightly scan the
table; forbidding that makes it choose the cheapest index, so the test shows that an
index fitting the query exists and is the one the planner prefers. (At scale the same
plans show up without the setting: ``make bench-pages`` seeds ten times RKKP's size.)
"""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from rkkp_portal.search.documents import PERSON_TEXT
from rkkp_portal.search.finding import _matching
from steering.compliance.charts import seats_by_term_end
from steering.meetings.planning import year_bounds
from steering.models import Invitation, Meeting, Membership, Message, Person
from tests.factories import MeetingFactory, MembershipFactory, region

# PostgreSQL's planner, statistics and settings are what is tested.
pytestmark = pytest.mark.postgresql


@pytest.fixture
def register(db):
    today = timezone.localdate()
    for n in range(6):
        MembershipFactory(
            role="chair" if n % 2 else "member", representing_region=region("hovedstaden")
        )
        MembershipFactory(
            role="leadership",
            representing_region=None,
            term_end=today + datetime.timedelta(days=30 + n),
        )
        meeting = MeetingFactory()
        meeting.invitations.create(person=Person.objects.first())
    # Statistics from these rows only: left to autovacuum, the invitations' statistics come
    # from whatever earlier tests wrote, and the planner's choice with them.
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE steering_person, steering_membership, steering_meeting, steering_invitation"
        )


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_the_people_lists_page_through_the_name_order_index(register):
    page = Person.objects.order_by("last_name", "first_name", "pk")[:50]
    assert "person_name_order" in plan(page)


def test_the_year_plan_reads_meetings_by_date(register):
    start, end = year_bounds(timezone.localdate().year)
    meetings = Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
    explained = plan(meetings)
    # With few rows PostgreSQL may read the range through meeting_group_start (whose second
    # column is starts_at) as readily as through meeting_starts_at; either is an index read
    # by date, which is what the plan needs. A sequential scan is what must not happen.
    assert "Seq Scan" not in explained, explained
    assert re.search(r"Index Cond: \(\(starts_at >=", explained), explained


def test_the_term_ends_chart_counts_seats_from_the_index_alone(register):
    """An index-only scan also needs the table's visibility map, which only VACUUM writes
    (not inside a test's transaction), so the plan is read without bitmap scans or plain
    index scans: the one index that holds every column the chart reads is named. (With
    plain index scans allowed, the choice between it and another index on the status
    turned on how much earlier tests had left in the test database's indexes.)"""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    explained = plan(seats_by_term_end(today, today + datetime.timedelta(days=730)))
    assert "Index Only Scan using membership_status_term_end" in explained, explained


def test_active_leadership_representatives_are_found_by_role(register):
    assert "membership_role_status" in plan(Membership.objects.active().filter(role="leadership"))


def test_terms_ending_soon_are_found_by_status_and_end(register):
    """As the daily scan asks ahead (``succession.asking.seats_to_ask``): soonest end first,
    and, as at scale, few of the active seats ending within the window. (Read in the
    model's default order, with half the seats in the window, the partial unique index on
    the current seats came out about as cheap, and the planner's pick turned on what
    earlier tests had left in the test database.)"""
    today = timezone.localdate()
    MembershipFactory.create_batch(40, term_end=today + datetime.timedelta(days=800))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE steering_membership")
    ending = Membership.objects.active().filter(
        term_end__gte=today, term_end__lte=today + datetime.timedelta(days=90)
    )
    explained = plan(ending.order_by("term_end", "pk"))
    assert "membership_status_term_end" in explained, explained


def test_a_region_s_seats_are_found_by_region_and_status(register):
    # As the dashboard counts them (no ordering, which would join the group and person).
    seats = Membership.objects.active().representing(region("hovedstaden")).order_by()
    text = plan(seats)
    # membership_region_status, or the foreign key's own index when every seat is active.
    assert "Seq Scan" not in text and "Index Cond: (representing_region_id = " in text


def test_a_member_s_next_meetings_use_the_invitation_s_person_index(register):
    # As at scale, one person holds few of the invitations: the others are invited too.
    meetings = [MeetingFactory() for _ in range(4)]
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, person=other)
        for meeting in meetings
        for other in Person.objects.all()[1:]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE steering_invitation, steering_meeting")
    person = Person.objects.first()
    upcoming = Invitation.objects.filter(person=person, meeting__starts_at__gte=timezone.now())
    text = plan(upcoming)
    assert "Seq Scan" not in text and "steering_invitation_person_id" in text


def test_the_workspace_s_latest_letters_walk_the_created_at_index(register):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE steering_message")
    latest = Message.objects.filter(recipient_person__region=region("hovedstaden"))
    assert "message_created_desc" in plan(latest.order_by("-created_at")[:50])


def test_a_region_s_people_have_an_index_of_their_ids(register):
    # The workspace's counts (people with a seat, seats without backing) join a region's
    # people on their id; at scale PostgreSQL reads those ids from this index alone (an
    # index-only scan, 0.1 ms instead of 1 ms for Hovedstaden). With a test's dozen rows
    # and no visibility map it cannot prefer it, so the index itself is checked.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "steering_person")
    assert constraints["person_region_and_id"]["columns"] == ["region_id", "id"]


def test_the_plan_s_clash_query_reads_invitations_by_meeting_from_a_covering_index(register):
    # At scale PostgreSQL reads a month's invitations from invitation_meeting_covering
    # alone (an index-only scan). Inside a test's transaction no page is all-visible, so an
    # index-only scan has no advantage and the planner picks any index on the meeting: the
    # plan is checked for an index read by meeting, the covering index for its columns.
    start, end = year_bounds(timezone.localdate().year)
    invitations = Invitation.objects.filter(
        meeting__starts_at__gte=start, meeting__starts_at__lt=end
    ).exclude(response=Invitation.Response.NO)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE steering_invitation, steering_meeting")
        cursor.execute("SET LOCAL enable_hashjoin = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        constraints = connection.introspection.get_constraints(cursor, "steering_invitation")
    text = plan(invitations.values("person_id", "meeting__group"))
    assert "Seq Scan on steering_invitation" not in text, text
    assert "Index Cond: (meeting_id = steering_meeting.id)" in text, text
    covering = constraints["invitation_meeting_covering"]
    assert covering["columns"] == ["meeting_id", "person_id", "response"]  # key and INCLUDE


def test_the_search_reads_people_off_their_two_search_indexes(register):
    matches = _matching(Person.objects.order_by(), PERSON_TEXT, "soren kjaer")
    found = plan(matches)
    assert "person_search_trgm" in found
    assert "person_search_words" in found
