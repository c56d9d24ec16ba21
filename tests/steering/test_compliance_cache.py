"""The compliance register kept in the cache (steering/compliance/register.py) is never
stale: every way of writing what the rules read forgets it when the write commits.

These tests commit for real (transactional database): the register is only kept and
read outside a transaction, as GET requests run in production.
"""

import collections
import datetime
import logging
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from steering.compliance import register
from steering.compliance.checks import Rule
from steering.models import Membership, Message, SteeringGroup
from steering.privacy.services import anonymise_person
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, region

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.timedelta(days=1)


def fresh() -> register.Register:
    return register.compute(timezone.localdate())


def failing(kept: register.Register, rule: str) -> set[int]:
    return {group_id for group_id, _finding in kept.failing_rule(rule)}


@pytest.fixture(autouse=True)
def kept(settings):
    """These tests run in one process: its own cache is every process's."""
    settings.COMPLIANCE_REGISTER_KEPT = True


@pytest.fixture
def groups():
    with_chair, without = GroupFactory(), GroupFactory()
    MembershipFactory(group=with_chair, role=Membership.Role.CHAIR)
    return [with_chair, without]


def test_the_second_read_costs_no_query(groups, django_assert_num_queries):
    first = register.register()
    with django_assert_num_queries(0):
        again = register.register()
    assert again == first == fresh()
    assert failing(again, Rule.CHAIR) == {groups[1].pk}


def test_a_save_is_seen_at_once(groups):
    register.register()
    chair = groups[0].memberships.get()
    chair.status, chair.ended_on = Membership.Status.ENDED, chair.term_start
    chair.save()
    after = register.register()
    assert failing(after, Rule.CHAIR) == {groups[0].pk, groups[1].pk}
    assert after == fresh()


def test_a_queryset_update_is_seen_at_once(groups):
    """QuerySet.update sends no signal and writes no history; the write itself is seen."""
    register.register()
    Membership.objects.filter(group=groups[0]).update(
        status=Membership.Status.ENDED, ended_on=timezone.localdate()
    )
    after = register.register()
    assert failing(after, Rule.CHAIR) == {groups[0].pk, groups[1].pk}
    assert after == fresh()


def test_a_bulk_create_with_history_is_seen_at_once(groups):
    person = PersonFactory()
    register.register()
    seat = MembershipFactory.build(group=groups[1], role=Membership.Role.CHAIR, person=person)
    bulk_create_with_history([seat], Membership)
    after = register.register()
    assert failing(after, Rule.CHAIR) == set()
    assert after == fresh()


def test_a_delete_and_a_new_group_are_seen_at_once(groups):
    register.register()
    newcomer = GroupFactory()
    assert register.register().group_count == 3
    groups[1].delete()
    after = register.register()
    assert after.group_count == 2
    assert failing(after, Rule.CHAIR) == {newcomer.pk}


def test_an_anonymisation_is_seen_at_once(groups):
    long_serving = MembershipFactory(
        group=groups[1],
        role=Membership.Role.CHAIR,
        person__last_name="Langtidsformand",
        term_start=datetime.date(2010, 1, 1),
    )
    [(_group, before)] = register.register().failing_rule(Rule.CHAIR_TERM_LIMIT)
    assert "Langtidsformand" in before.message
    anonymise_person(actor=None, person=long_serving.person)
    [(_group, after)] = register.register().failing_rule(Rule.CHAIR_TERM_LIMIT)
    assert "Langtidsformand" not in after.message


def test_a_write_in_a_transaction_is_seen_when_it_commits(groups):
    register.register()
    with transaction.atomic():
        MembershipFactory(group=groups[1], role=Membership.Role.CHAIR)
        inside = register.register()  # its own write, computed, not kept
        assert failing(inside, Rule.CHAIR) == set()
    assert failing(register.register(), Rule.CHAIR) == set()


def test_a_rolled_back_write_leaves_the_kept_register_as_it_was(groups):
    before = register.register()
    with transaction.atomic():
        MembershipFactory(group=groups[1], role=Membership.Role.CHAIR)
        transaction.set_rollback(True)
    assert register.register() == before == fresh()


def test_nothing_is_kept_inside_a_transaction(groups):
    with transaction.atomic():
        kept_at = register.key(timezone.localdate())
        register.register()
    assert cache.get(kept_at) is None


def test_a_write_the_rules_do_not_read_keeps_the_register(groups):
    register.register()
    version = cache.get(register.VERSION_KEY)
    Message.objects.create(
        kind=Message.Kind.WELCOME,
        idempotency_key="test:unread",
        recipient_email="a@example.org",
        subject="Velkommen",
        body_text=".",
    )
    assert cache.get(register.VERSION_KEY) == version


def test_the_language_and_the_day_are_part_of_the_key(groups):
    today = timezone.localdate()
    with translation.override("en"):
        english = register.key(today)
        assert register.register() == fresh()
    with translation.override("da"):
        assert register.key(today) != english
        assert register.key(today + DAY) != register.key(today)
        assert register.register() == fresh()


def test_without_a_shared_cache_every_read_computes(groups, settings, django_assert_num_queries):
    """With a cache of each process's own (no REDIS_URL), a worker's kept copy would
    outlive another worker's change: nothing is kept, and a change is seen at once."""
    settings.COMPLIANCE_REGISTER_KEPT = False
    first = register.register()
    # groups, regions, active seats with the re-appointments decided ahead, chair history,
    # meetings
    with django_assert_num_queries(5):
        assert register.register() == first
    assert cache.get(register.key(timezone.localdate())) is None
    # A write this process's wrapper never sees (another worker's) is seen all the same.
    connection.execute_wrappers.remove(register.forget_after_writes)
    try:
        MembershipFactory(group=groups[1], role=Membership.Role.CHAIR)
    finally:
        connection.execute_wrappers.insert(0, register.forget_after_writes)
    assert failing(register.register(), Rule.CHAIR) == set()


def test_the_kept_register_lapses_after_its_timeout(groups, settings, monkeypatch):
    """The safety net for a write no process sees: one made directly in the database."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    today = timezone.localdate()
    register.register()
    unseen = register.Register(group_count=0, failing={}, seats=fresh().seats)
    cache.set(register.key(today), unseen, register.TIMEOUT)
    assert register.register() == unseen
    later = time.time() + register.TIMEOUT + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert register.register() == fresh()


def test_the_write_watch_stays_installed_once(groups):
    ours = [w for w in connection.execute_wrappers if w is register.forget_after_writes]
    assert len(ours) == 1
    with connection.execute_wrapper(lambda execute, *args: execute(*args)):
        pass
    connection.close()
    SteeringGroup.objects.count()  # reconnects
    ours = [w for w in connection.execute_wrappers if w is register.forget_after_writes]
    assert len(ours) == 1


def test_a_cache_that_fails_does_not_fail_the_committed_write(groups, monkeypatch, caplog):
    def unreachable():
        raise ConnectionError("the cache does not answer")

    monkeypatch.setattr(register, "forget", unreachable)
    with caplog.at_level(logging.ERROR):
        seat = MembershipFactory(group=groups[1], role=Membership.Role.CHAIR)
    assert Membership.objects.filter(pk=seat.pk).exists()
    assert "the cache does not answer" in caplog.text


def test_the_register_counts_the_active_seats(groups):
    today = timezone.localdate()
    person = PersonFactory()
    MembershipFactory(person=person, term_end=today + datetime.timedelta(days=30))
    MembershipFactory(person=person, term_start=datetime.date(2018, 1, 1), term_end=today - DAY)
    MembershipFactory(term_end=today + datetime.timedelta(days=400))
    seats = register.register().seats
    assert (seats.total, seats.ending, seats.holdovers) == (4, 1, 1)
    assert seats.people == 3  # the chair, the person with two seats, one more
    assert seats.by_role == {"chair": 1, "member": 3}
    assert seats.by_region == {region("hovedstaden").pk: 4}  # the chair too


def test_the_shape_of_the_kept_classes_is_part_of_the_key(groups):
    """A release that changes the kept classes reads none of what an earlier one kept:
    it would not unpickle (a finding kept as a dataclass cannot be read as a tuple)."""
    import dataclasses

    from steering.compliance import forecast

    def like_the_finding(cls):
        cls.__module__, cls.__qualname__ = register.Finding.__module__, "Finding"
        return cls

    as_dataclass = like_the_finding(dataclasses.make_dataclass("Finding", register.Finding._fields))
    fewer_fields = like_the_finding(collections.namedtuple("Finding", ["rule", "message"]))
    same = like_the_finding(collections.namedtuple("Finding", register.Finding._fields))
    shape = register.shape_of(register.Finding)
    assert register.shape_of(as_dataclass) != shape
    assert register.shape_of(fewer_fields) != shape
    assert register.shape_of(same) == shape
    assert (
        register.shape_of(register.Register, register.SeatFigures, register.Finding)
        == register.SHAPE
    )
    assert f":{register.SHAPE}:" in register.key(timezone.localdate())
    assert (
        register.shape_of(forecast.Forecast, forecast.TimelineRow, forecast.Month) == forecast.SHAPE
    )
