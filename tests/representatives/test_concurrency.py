"""Two approvals racing on PostgreSQL: the database decides, and the loser writes nothing.

Each thread has its own connection (Django opens one per thread). The first approval
keeps its transaction open until the second is seen waiting on a lock, so the two
really overlap; then the first commits and the second must fail with a clear message.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation

from representatives.models import LeadershipNomination
from representatives.services import decide_nomination
from rkkp_portal.accounts.models import User
from steering.models import Membership, Message
from tests import factories
from tests.representatives.conftest import ensure_policy, make_leader, make_nomination

# Two connections waiting on each other's row locks, watched in pg_stat_activity.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]

WAIT_SECONDS = 15


def _wait_for_a_blocked_backend() -> None:
    """Poll until another session of this database waits on a lock."""
    deadline = time.monotonic() + WAIT_SECONDS
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second approval never waited for the first")


def race(first_pk: int, second_pk: int, first_actor_pk: int, second_actor_pk: int) -> dict:
    """Approve two nominations concurrently; returns each side's outcome."""
    outcome: dict = {}
    first_written = threading.Event()

    def approve(name: str, nomination_pk: int, actor_pk: int) -> None:
        translation.activate("en")  # a thread starts without the test's language
        try:
            actor = User.objects.get(pk=actor_pk)
            nomination = LeadershipNomination.objects.get(pk=nomination_pk)
            if name == "first":
                with transaction.atomic():
                    decide_nomination(
                        actor=actor, nomination=nomination, approve=True, reasoning="Ja"
                    )
                    first_written.set()
                    _wait_for_a_blocked_backend()
            else:
                assert first_written.wait(WAIT_SECONDS)
                decide_nomination(actor=actor, nomination=nomination, approve=True, reasoning="Ja")
            outcome[name] = "approved"
        except Exception as error:  # the test inspects what each side got
            outcome[name] = error
            first_written.set()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=("first", first_pk, first_actor_pk)),
        threading.Thread(target=approve, args=("second", second_pk, second_actor_pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 2)
    return outcome


@pytest.fixture
def scene():
    ensure_policy()
    admin = factories.make_regional_admin("hovedstaden")
    circle_a = factories.make_circle_member()
    circle_b = factories.make_circle_member()
    group = factories.GroupFactory()
    return admin, circle_a, circle_b, group


def test_two_circle_members_approving_one_nomination_seat_the_candidate_once(scene):
    admin, circle_a, circle_b, group = scene
    candidate = make_leader()
    nomination = make_nomination(candidate, group, admin)

    outcome = race(nomination.pk, nomination.pk, circle_a.pk, circle_b.pk)

    assert outcome["first"] == "approved"
    loser = outcome["second"]
    assert isinstance(loser, ValidationError), loser
    # The seat constraint one_current_seat_per_person_and_group decided.
    assert loser.messages == ["This person already has a seat in this steering group."]
    assert loser.error_list[0].code == "one_current_seat_per_person_and_group"
    seat = Membership.objects.get(person=candidate, group=group)
    nomination.refresh_from_db()
    assert nomination.status == LeadershipNomination.Status.APPROVED
    assert nomination.decided_by == circle_a and nomination.membership == seat
    # Nothing of the loser's attempt is left: one seat, one decision, one set of letters.
    assert seat.history.count() == 1
    assert nomination.history.filter(status="approved").count() == 1
    assert Message.objects.filter(kind=Message.Kind.WELCOME).count() == 1
    assert Message.objects.filter(kind=Message.Kind.NOMINATION_DECISION).count() == 2
    assert User.objects.filter(email=candidate.email).count() == 1


def test_two_candidates_approved_at_once_leave_the_group_one_leader(scene):
    admin, circle_a, circle_b, group = scene
    first = make_nomination(make_leader(), group, admin)
    second = make_nomination(make_leader(), group, admin)

    outcome = race(first.pk, second.pk, circle_a.pk, circle_b.pk)

    assert outcome["first"] == "approved"
    loser = outcome["second"]
    assert isinstance(loser, ValidationError), loser
    assert loser.messages == ["This steering group already has a leadership representative."]
    assert list(Membership.objects.filter(group=group).values_list("person", flat=True)) == [
        first.person_id
    ]
    second.refresh_from_db()
    assert second.status == LeadershipNomination.Status.PROPOSED
    assert second.membership is None
    assert not User.objects.filter(email=second.person.email).exists()
    assert not Message.objects.filter(recipient_email=second.person.email).exists()
