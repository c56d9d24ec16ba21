"""Re-appointing ahead of a term's end (#22): the decision is recorded on the question and
the member stays in office, in the rosters and in the composition rules; the daily scan
carries it out on the new term's first day, once; a holdover is renewed at once; a seat
ended or changed meanwhile closes the question with a reason."""

import datetime

import pytest
from django.utils import timezone, translation

from steering.compliance import checks, forecast
from steering.compliance.facts import facts_for_groups
from steering.compliance.registry import Rule
from steering.models import Membership, SuccessionAsk
from steering.register.services.memberships import end_membership
from steering.succession.asking import ask_ahead
from steering.succession.reappointing import carry_out_renewals, reappoint_from_ask
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
ASK_DAY = D(2027, 7, 4)  # 180 days before the fixtures' seats end, 31 December 2027
NEW_TERM = D(2028, 1, 1)


@pytest.fixture
def ask(member_seat):
    ask_ahead(ASK_DAY)
    return SuccessionAsk.objects.get(membership=member_seat)


def decide(ask, actor, today=ASK_DAY) -> SuccessionAsk:
    return reappoint_from_ask(actor=actor, ask=ask, today=today)


def seat_for(person, term_end: datetime.date) -> Membership:
    return Membership.objects.get(person=person, term_end=term_end)


def test_reappointing_180_days_ahead_keeps_the_member_in_office(ask, secretariat, hovedstaden):
    decided = decide(ask, secretariat)

    seat = Membership.objects.get(pk=ask.membership_id)
    assert decided.is_pending_renewal and decided.reappointed_from == NEW_TERM
    assert (seat.status, seat.ended_on) == (Membership.Status.ACTIVE, None)
    assert Membership.objects.filter(person=seat.person).count() == 1
    assert seat in Membership.objects.in_office(ASK_DAY)
    assert seat in Membership.objects.in_office(D(2027, 12, 31))


def test_the_rules_and_the_forecast_count_the_decided_renewal(
    ask, secretariat, hovedstaden, django_assert_num_queries
):
    group = ask.membership.group
    decide(ask, secretariat)

    # Regions, the active seats with the decided re-appointment joined, chair history,
    # full-day meetings.
    with django_assert_num_queries(4):
        facts = facts_for_groups([group], today=ASK_DAY)[group.pk]
    [old, renewal] = facts.seats
    assert renewal.renews and not old.renews
    assert (renewal.membership_id, renewal.person_id) == (old.membership_id, old.person_id)
    assert (renewal.term_start, renewal.term_end) == (NEW_TERM, D(2031, 12, 31))
    with translation.override("en"):
        today = checks.check_group(facts, ASK_DAY)
        ahead = checks.check_group(forecast.as_of(facts, NEW_TERM), NEW_TERM)
        result = forecast.forecast_group(
            group.pk, facts, ASK_DAY, forecast.months(ASK_DAY), (Rule.REGIONS,)
        )
    for findings in (today, ahead):
        regions = [f for f in findings if f.rule == Rule.REGIONS]
        assert all(hovedstaden.pk not in f.region_ids for f in regions)
    assert not [b for b in result.breaches if b.detail == hovedstaden.name]


def test_without_the_renewal_the_forecast_shows_the_gap(ask, hovedstaden):
    group = ask.membership.group
    facts = facts_for_groups([group], today=ASK_DAY)[group.pk]
    result = forecast.forecast_group(
        group.pk, facts, ASK_DAY, forecast.months(ASK_DAY), (Rule.REGIONS,)
    )
    [gap] = [b for b in result.breaches if b.detail == hovedstaden.name]
    assert gap.starts == NEW_TERM


def test_the_scan_carries_it_out_on_the_start_date_once(ask, secretariat):
    decide(ask, secretariat)
    assert carry_out_renewals(D(2027, 12, 31)) == 0  # the day before: nothing yet

    assert carry_out_renewals(NEW_TERM) == 1
    assert carry_out_renewals(NEW_TERM) == 0  # run twice = once

    ask.refresh_from_db()
    old = Membership.objects.get(pk=ask.membership_id)
    new = ask.successor
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and not ask.is_pending_renewal
    assert (old.status, old.ended_on) == (Membership.Status.ENDED, D(2027, 12, 31))
    assert (new.status, new.term_start, new.term_end) == (
        Membership.Status.ACTIVE,
        NEW_TERM,
        D(2031, 12, 31),
    )
    assert new.predecessor == old and new.term_number == old.term_number + 1
    assert Membership.objects.filter(person=old.person).count() == 2
    group = old.group
    facts = facts_for_groups([group], today=NEW_TERM)[group.pk]
    assert [s.membership_id for s in facts.seats] == [new.pk]


def test_a_missed_day_is_caught_up(ask, secretariat):
    decide(ask, secretariat)

    assert carry_out_renewals(D(2028, 1, 5)) == 1

    assert seat_for(ask.membership.person, D(2027, 12, 31)).ended_on == D(2027, 12, 31)


def test_a_holdover_is_reappointed_at_once(ask, secretariat):
    holdover_day = D(2028, 1, 10)
    decided = decide(ask, secretariat, today=holdover_day)

    old = Membership.objects.get(pk=ask.membership_id)
    assert decided.successor is not None and decided.renewal_starts is None
    assert decided.reappointed_from == NEW_TERM
    assert old.status == Membership.Status.ENDED
    assert carry_out_renewals(holdover_day) == 0


def test_a_seat_ended_meanwhile_closes_the_question_with_a_reason(ask, secretariat):
    decide(ask, secretariat)
    end_membership(
        actor=secretariat,
        membership=ask.membership,
        ended_on=D(2027, 9, 30),
        reason="Fratrådt",
    )

    assert carry_out_renewals(NEW_TERM) == 0

    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.CLOSED and ask.successor is None
    assert ask.close_reason
    assert Membership.objects.filter(person=ask.membership.person).count() == 1
    assert carry_out_renewals(NEW_TERM) == 0


def test_a_term_changed_meanwhile_closes_the_question(ask, secretariat):
    decide(ask, secretariat)
    Membership.objects.filter(pk=ask.membership_id).update(term_end=D(2028, 3, 31))

    assert carry_out_renewals(NEW_TERM) == 0

    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.CLOSED and ask.close_reason


@pytest.mark.parametrize(
    ("term_end", "starts", "ends"),
    [
        (D(2028, 2, 28), D(2028, 2, 29), D(2032, 2, 28)),  # starts on 29 February
        (D(2028, 2, 29), D(2028, 3, 1), D(2032, 2, 29)),  # ends on 29 February
        (D(2028, 4, 30), D(2028, 5, 1), D(2032, 4, 30)),  # the last day of a month
    ],
)
def test_date_boundaries_of_the_new_term(group, hovedstaden, secretariat, term_end, starts, ends):
    seat = factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        term_end=term_end,
    )
    ask_ahead(term_end - datetime.timedelta(days=180))
    ask = SuccessionAsk.objects.get(membership=seat)

    decided = decide(ask, secretariat, today=term_end - datetime.timedelta(days=100))
    assert (decided.renewal_starts, decided.renewal_ends) == (starts, ends)
    assert carry_out_renewals(term_end) == 0  # the last day of the old term

    assert carry_out_renewals(starts) == 1

    seat.refresh_from_db()
    assert seat.ended_on == term_end
    assert Membership.objects.get(predecessor=seat).term_start == starts


def test_the_command_runs_the_renewals_before_asking(ask, secretariat):
    from io import StringIO

    from django.core.management import call_command

    decide(ask, secretariat)
    out = StringIO()

    call_command("ask_about_succession", "--date", "2028-01-01", stdout=out)

    assert "Carried out 1 re-appointment(s)." in out.getvalue()


def test_the_appointing_body_undoes_a_renewal_before_it_takes_effect(
    client, ask, admin_hovedstaden
):
    from regions.models import AppointmentRequest

    client.force_login(admin_hovedstaden)
    decide(ask, admin_hovedstaden, today=timezone.localdate())
    first_request = ask.appointment_request_id
    detail = f"/regions/hovedstaden/requests/{first_request}/"
    assert f"/succession/{ask.pk}/cancel/" in client.get(detail).content.decode()

    assert client.post(f"/succession/{ask.pk}/cancel/").status_code == 302

    ask.refresh_from_db()
    assert ask.is_open and ask.renewal_starts is None and ask.decided_by is None
    assert ask.appointment_request_id != first_request
    assert ask.appointment_request.status == AppointmentRequest.Status.OPEN
    assert carry_out_renewals(NEW_TERM) == 0
    assert Membership.objects.get(pk=ask.membership_id).status == Membership.Status.ACTIVE
    # Once it has taken effect there is nothing to undo.
    decide(ask, admin_hovedstaden, today=timezone.localdate())
    carry_out_renewals(NEW_TERM)
    client.post(f"/succession/{ask.pk}/cancel/")
    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and ask.successor is not None


def test_the_member_sees_the_renewal_on_their_own_page(client, ask, member, secretariat):
    decide(ask, secretariat, today=timezone.localdate())
    client.force_login(member)

    page = client.get("/me/").content.decode()

    assert "Genudpeget fra den 1. januar 2028" in page
