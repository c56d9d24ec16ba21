"""The findings cache (steering/compliance_cache.py) is never stale.

These tests commit for real (transactional database), because the cache keeps only
findings computed outside a transaction, as GET requests run in production.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from steering import compliance, compliance_cache
from steering.compliance import Rule
from steering.models import Membership, SteeringGroup
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, region

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.timedelta(days=1)


def rules_of(findings, group) -> set[str]:
    return {finding.rule for finding in findings[group.pk]}


def fresh(groups):
    return compliance.findings_for_groups(groups)


@pytest.fixture
def groups():
    with_chair, without = GroupFactory(), GroupFactory()
    MembershipFactory(group=with_chair, role=Membership.Role.CHAIR)
    return [with_chair, without]


def test_the_second_request_reads_the_kept_findings(groups, django_assert_num_queries):
    first = compliance_cache.findings_for_groups(groups)
    with django_assert_num_queries(0):
        again = compliance_cache.findings_for_groups(groups)
    assert again == first == fresh(groups)


def test_a_committed_change_is_seen_at_once(groups):
    with_chair = groups[0]
    assert Rule.CHAIR not in rules_of(compliance_cache.findings_for_groups(groups), with_chair)
    chair = with_chair.memberships.get()
    chair.ended_on = chair.term_start
    chair.status = Membership.Status.ENDED
    chair.save()
    after = compliance_cache.findings_for_groups(groups)
    assert Rule.CHAIR in rules_of(after, with_chair)
    assert after == fresh(groups)


def test_a_deleted_group_and_a_new_one_are_seen(groups):
    compliance_cache.findings_for_groups(groups)
    newcomer = GroupFactory()
    assert compliance_cache.findings_for_groups([newcomer]) == fresh([newcomer])
    groups[1].delete()
    assert set(compliance_cache.findings_for_groups(SteeringGroup.objects.all())) == {
        groups[0].pk,
        newcomer.pk,
    }


def test_a_rolled_back_write_leaves_nothing_behind(groups):
    before = compliance_cache.findings_for_groups(groups)
    with transaction.atomic():
        MembershipFactory(group=groups[1], role=Membership.Role.CHAIR)
        inside = compliance_cache.findings_for_groups(groups)
        assert Rule.CHAIR not in rules_of(inside, groups[1])  # its own write, uncached
        transaction.set_rollback(True)
    assert compliance_cache.findings_for_groups(groups) == before == fresh(groups)


def test_nothing_is_kept_inside_a_transaction(groups):
    compliance_cache._kept.clear()
    with transaction.atomic():
        compliance_cache.findings_for_groups(groups)
    assert compliance_cache._kept == {}


def test_without_a_shared_cache_every_call_computes(groups, settings):
    settings.REDIS_URL = ""
    compliance_cache._kept.clear()
    assert compliance_cache.findings_for_groups(groups) == fresh(groups)
    assert compliance_cache._kept == {}


def test_the_language_is_part_of_the_key(groups):
    from django.utils import translation

    with translation.override("en"):
        english = compliance_cache.findings_for_groups(groups)
    with translation.override("da"):
        danish = compliance_cache.findings_for_groups(groups)
    with translation.override("en"):
        assert english == fresh(groups)
    with translation.override("da"):
        assert danish == fresh(groups)


def test_a_users_groups_are_read_from_the_kept_register(groups, django_assert_num_queries):
    compliance_cache.register()
    one = groups[1]
    with django_assert_num_queries(2):  # how many groups are asked for, and which
        statuses = compliance_cache.statuses_of(SteeringGroup.objects.filter(pk=one.pk))
    assert list(statuses) == [one.pk]
    assert statuses[one.pk].findings == fresh([one])[one.pk]
    assert statuses[one.pk].name == one.database.name
    assert statuses[one.pk].url == one.database.get_absolute_url()


def test_the_register_counts_the_active_seats_and_keeps_those_due(groups):
    today = timezone.localdate()
    person = PersonFactory()
    ending = MembershipFactory(person=person, term_end=today + datetime.timedelta(days=30))
    holdover = MembershipFactory(
        person=person, term_start=datetime.date(2018, 1, 1), term_end=today - DAY
    )
    MembershipFactory(term_end=today + datetime.timedelta(days=400))
    kept = compliance_cache.register()
    assert kept == compliance_cache._compute(SteeringGroup.objects.all(), today)
    assert (kept.seats.total, kept.seats.ending, kept.seats.holdovers) == (4, 1, 1)
    assert kept.seats.people == 3  # the chair, the person with two seats, one more
    assert kept.seats.by_role == {"chair": 1, "member": 3}
    assert kept.seats.by_region == {region("hovedstaden").pk: 4}  # the chair too
    assert [seat.membership_id for seat in kept.due] == [holdover.pk, ending.pk]
    assert kept.due[0].group.name == holdover.group.database.name
    assert kept.due[0].person_name == person.full_name


def test_asked_for_every_group_the_kept_register_is_read_whole(groups, django_assert_num_queries):
    compliance_cache.register()
    with django_assert_num_queries(1):  # how many groups are asked for
        statuses = compliance_cache.statuses_of(SteeringGroup.objects.all())
    assert set(statuses) == {group.pk for group in groups}
    newcomer = GroupFactory()
    assert set(compliance_cache.statuses_of(SteeringGroup.objects.all())) == {
        group.pk for group in [*groups, newcomer]
    }
