"""The chair term limit where a chair is re-appointed, and on the chair's seat page (#20.9)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from steering.compliance import registry
from steering.compliance.chair_terms import chair_term_of
from steering.compliance.checks import facts_for_groups
from steering.models import Membership
from steering.register.forms import ReappointForm
from steering.register.services.memberships import reappoint_member
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def chair_seats(group, *terms, person=None) -> Membership:
    """Consecutive chair seats (the last one active); returns the active one."""
    seat = None
    for number, (start, end) in enumerate(terms, start=1):
        last = number == len(terms)
        seat = factories.MembershipFactory(
            group=group,
            role="chair",
            representing_region=None,
            appointing_body="rkkp",
            person=person or (seat.person if seat else factories.PersonFactory()),
            term_start=start,
            term_end=end,
            term_number=number,
            predecessor=seat,
            status="active" if last else "ended",
            ended_on=None if last else end,
        )
    return seat


@pytest.fixture
def second_term_chair(group):
    """Chair since 1 June 2016 (under six years in 2022): two periods, up to 1 June 2024."""
    return chair_seats(
        group,
        (datetime.date(2016, 6, 1), datetime.date(2020, 5, 31)),
        (datetime.date(2020, 6, 1), datetime.date(2024, 5, 31)),
    )


@pytest.fixture
def first_term_chair(group):
    """Chair since 1 January 2024: the limit is 1 January 2032."""
    return chair_seats(group, (datetime.date(2024, 1, 1), datetime.date(2027, 12, 31)))


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# --- the limit of one seat -------------------------------------------------------------


def test_a_chairs_limit_counts_from_their_unbroken_service(second_term_chair):
    term = chair_term_of(second_term_chair)
    assert term.since == D("2016-06-01")
    assert term.reached_on == D("2024-06-01")
    assert not term.transitional
    assert "at most 2 periods of 4 years" in term.rule()


def test_the_transitional_rule_gives_one_last_period_from_2022(group):
    seat = chair_seats(
        group,
        (D("2010-01-01"), D("2018-03-28")),
        (D("2018-03-29"), D("2022-03-28")),
        (D("2022-03-29"), D("2026-03-28")),
    )
    term = chair_term_of(seat)
    assert term.since == D("2010-01-01")
    assert term.reached_on == D("2026-03-29")
    assert term.transitional
    assert "more than 6 years" in term.rule()


def test_a_break_of_more_than_a_year_starts_the_count_again(group):
    seat = chair_seats(
        group, (D("2010-01-01"), D("2013-12-31")), (D("2016-01-01"), D("2019-12-31"))
    )
    assert chair_term_of(seat).since == D("2016-01-01")


def test_other_roles_have_no_chair_limit(member_seat):
    assert chair_term_of(member_seat) is None


def test_the_seat_and_the_compliance_register_read_the_same_limit(second_term_chair, monkeypatch):
    # One source: changing the number of periods in the registry moves both.
    monkeypatch.setattr(registry, "CHAIR_MAX_PERIODS", 3)
    facts = facts_for_groups([second_term_chair.group], today=D("2025-01-01"))
    [seat] = [s for s in facts[second_term_chair.group_id].seats if s.role == "chair"]
    term = chair_term_of(second_term_chair)
    assert term.since == seat.chair_since
    assert term.reached_on == registry.chair_service_limit(seat.chair_since) == D("2028-06-01")
    assert "at most 3 periods" in term.rule()


# --- re-appointment --------------------------------------------------------------------


def test_a_chair_within_the_limit_is_reappointed(secretariat, first_term_chair):
    renewed = reappoint_member(actor=secretariat, membership=first_term_chair)
    assert renewed.term_end == D("2031-12-31")
    assert renewed.term_limit_exception == ""


def test_a_chair_who_has_served_the_maximum_is_not_reappointed(secretariat, second_term_chair):
    with pytest.raises(ValidationError) as raised:
        reappoint_member(actor=secretariat, membership=second_term_chair)
    assert raised.value.code == "chair_term_limit"
    message = raised.value.messages[0]
    assert "since 1 June 2016" in message
    assert "reached on 1 June 2024" in message
    assert "would end on 31 May 2028" in message
    second_term_chair.refresh_from_db()
    assert second_term_chair.status == Membership.Status.ACTIVE
    assert not second_term_chair.successors.exists()


def test_a_term_that_would_run_past_the_limit_is_refused_but_a_shorter_one_is_not(
    secretariat, group
):
    seat = chair_seats(
        group, (D("2020-01-01"), D("2023-12-31")), (D("2024-01-01"), D("2025-06-30"))
    )
    with pytest.raises(ValidationError):
        reappoint_member(actor=secretariat, membership=seat, term_end=D("2029-06-30"))
    renewed = reappoint_member(actor=secretariat, membership=seat, term_end=D("2028-01-01"))
    assert renewed.term_end == D("2028-01-01")


def test_the_secretariat_may_reappoint_past_the_limit_with_a_reason(secretariat, second_term_chair):
    renewed = reappoint_member(
        actor=secretariat,
        membership=second_term_chair,
        term_limit_exception="  No successor found; the group is being merged.  ",
    )
    assert renewed.term_limit_exception == "No successor found; the group is being merged."
    entry = renewed.history.get()
    assert entry.history_user == secretariat
    assert entry.term_limit_exception == renewed.term_limit_exception


def test_a_reason_is_not_kept_when_no_exception_is_needed(secretariat, first_term_chair):
    renewed = reappoint_member(
        actor=secretariat, membership=first_term_chair, term_limit_exception="Just in case"
    )
    assert renewed.term_limit_exception == ""


def test_only_the_secretariat_may_make_an_exception(
    admin_hovedstaden, circle_member, member_seat, second_term_chair
):
    for user in (admin_hovedstaden, circle_member):
        assert not user.has_perm("steering.exceed_chair_term_limit", second_term_chair)
    # Even on a seat they may re-appoint, a regional administrator cannot record one.
    with pytest.raises(PermissionDenied):
        reappoint_member(
            actor=admin_hovedstaden, membership=member_seat, term_limit_exception="Please"
        )
    assert not member_seat.successors.exists()


def test_only_a_chairs_seat_records_an_exception(member_seat):
    member_seat.term_limit_exception = "No"
    with pytest.raises(ValidationError) as raised:
        member_seat.full_clean()
    assert "Only a chair's seat" in str(raised.value)


# --- the pages -------------------------------------------------------------------------


def _reappoint(client, seat, **data):
    url = reverse("steering:membership-reappoint", args=[seat.pk])
    return client.post(url, {"term_start": "", "term_end": "", **data})


def test_the_form_explains_the_refusal_and_writes_nothing(as_secretariat, second_term_chair):
    response = _reappoint(as_secretariat, second_term_chair)
    assert response.status_code == 200
    errors = str(response.context["form"].errors)
    assert "The limit is reached on 1 June 2024" in errors
    assert not second_term_chair.successors.exists()


def test_the_secretariat_records_the_exception_on_the_form(as_secretariat, second_term_chair):
    response = _reappoint(
        as_secretariat, second_term_chair, term_limit_exception="Merging with another group"
    )
    assert response.status_code == 302
    renewed = second_term_chair.successors.get()
    assert renewed.term_limit_exception == "Merging with another group"
    page = as_secretariat.get(response["Location"])
    assert "Exception to the term limit" in page.text
    assert "Merging with another group" in page.text


def test_the_exception_field_is_only_for_those_who_may_make_one(second_term_chair, member_seat):
    assert (
        "term_limit_exception"
        in ReappointForm(membership=second_term_chair, may_exceed_term_limit=True).fields
    )
    assert (
        "term_limit_exception"
        not in ReappointForm(membership=second_term_chair, may_exceed_term_limit=False).fields
    )
    assert (
        "term_limit_exception"
        not in ReappointForm(membership=member_seat, may_exceed_term_limit=True).fields
    )


def test_the_chairs_seat_page_shows_the_limit_and_when_it_is_reached(
    as_secretariat, first_term_chair
):
    page = as_secretariat.get(reverse("steering:membership-detail", args=[first_term_chair.pk]))
    assert "Term limit as chair" in page.text
    assert "Reached on 1 January 2032" in page.text
    assert "at most 2 periods of 4 years" in page.text


def test_the_page_warns_when_the_planned_term_runs_past_the_limit(as_secretariat, group):
    seat = chair_seats(
        group, (D("2020-01-01"), D("2023-12-31")), (D("2024-01-01"), D("2028-06-30"))
    )
    page = as_secretariat.get(reverse("steering:membership-detail", args=[seat.pk]))
    assert "The planned term runs past the limit" in page.text or "Past the term limit" in page.text


def test_a_members_seat_page_has_no_chair_limit(as_secretariat, member_seat):
    page = as_secretariat.get(reverse("steering:membership-detail", args=[member_seat.pk]))
    assert "Term limit as chair" not in page.text


def test_the_limit_costs_the_same_however_long_the_chair_has_served(
    as_secretariat, second_term_chair, other_group
):
    long_serving = chair_seats(
        other_group,
        (D("2010-01-01"), D("2013-12-31")),
        (D("2014-01-01"), D("2017-12-31")),
        (D("2018-01-01"), D("2021-12-31")),
        (D("2022-01-01"), D("2025-12-31")),
    )

    def queries(seat) -> int:
        with CaptureQueriesContext(connection) as captured:
            as_secretariat.get(reverse("steering:membership-detail", args=[seat.pk]))
        return len(captured)

    queries(second_term_chair)  # warm the session
    # The seat page's own queries (with the re-appointment decided ahead, if any) plus one
    # for the chair's seats in the group, whatever their number.
    assert queries(second_term_chair) == queries(long_serving) == 9
