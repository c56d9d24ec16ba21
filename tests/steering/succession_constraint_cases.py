"""The succession questions' constraints (#22), as cases for test_constraints.py: one
unsaved row breaking exactly one constraint, and the message ``full_clean`` must give."""

import datetime

from django.utils import timezone

from steering.models import SuccessionAsk
from tests import factories

ASKED_ON = datetime.date(2027, 7, 4)


def unsaved_ask(**fields) -> SuccessionAsk:
    values = {
        "membership": factories.MembershipFactory(role="leadership", representing_region=None),
        "body": SuccessionAsk.Body.CIRCLE,
        "asked_on": ASKED_ON,
    }
    return SuccessionAsk(**(values | fields))


def second_ask_for_the_seat() -> SuccessionAsk:
    first = unsaved_ask()
    first.save()
    return unsaved_ask(membership=first.membership)


def answer_without_a_time() -> SuccessionAsk:
    return unsaved_ask(member_asked=True, willing=SuccessionAsk.Willing.YES)


def reappointed_without_the_new_seat() -> SuccessionAsk:
    return unsaved_ask(status=SuccessionAsk.Status.REAPPOINTED, closed_at=timezone.now())


def decided(**fields) -> SuccessionAsk:
    now = timezone.now()
    values = {
        "status": SuccessionAsk.Status.REAPPOINTED,
        "closed_at": now,
        "decided_at": now,
        "renewal_starts": datetime.date(2028, 1, 1),
        "renewal_ends": datetime.date(2031, 12, 31),
    }
    return unsaved_ask(**(values | fields))


def renewal_without_an_end() -> SuccessionAsk:
    return decided(renewal_ends=None)


def renewal_ending_as_it_starts() -> SuccessionAsk:
    return decided(renewal_ends=datetime.date(2028, 1, 1))


def renewal_on_an_open_question() -> SuccessionAsk:
    return decided(status=SuccessionAsk.Status.OPEN, closed_at=None)


def closed_without_a_time() -> SuccessionAsk:
    return unsaved_ask(status=SuccessionAsk.Status.CLOSED)


def regional_ask_without_a_request() -> SuccessionAsk:
    return unsaved_ask(membership=factories.MembershipFactory(), body=SuccessionAsk.Body.REGION)


def open_question_nobody_was_asked() -> SuccessionAsk:
    return unsaved_ask(asked_on=None)


SUCCESSION_CASES = [
    (
        "one_succession_ask_per_seat",
        second_ask_for_the_seat,
        "The appointing body has already been asked.",
    ),
    (
        "succession_answer_has_a_time",
        answer_without_a_time,
        "An answer must record when it was given.",
    ),
    (
        "reappointed_succession_names_seat_or_term",
        reappointed_without_the_new_seat,
        "A re-appointment must name the new seat or the new term's dates.",
    ),
    (
        "succession_renewal_has_both_dates",
        renewal_without_an_end,
        "A new term must have both a start and an end.",
    ),
    (
        "succession_renewal_ends_after_it_starts",
        renewal_ending_as_it_starts,
        "The new term must end after it starts.",
    ),
    (
        "succession_renewal_is_a_decision",
        renewal_on_an_open_question,
        "A new term is recorded only with a re-appointment, and when it was decided.",
    ),
    (
        "closed_succession_has_a_time",
        closed_without_a_time,
        "A closed question must record when it was closed.",
    ),
    (
        "regional_succession_names_its_request",
        regional_ask_without_a_request,
        "A region is asked through an appointment request.",
    ),
    (
        "open_succession_was_asked",
        open_question_nobody_was_asked,
        "An open question must record when it was asked.",
    ),
]
