"""A CompiledQuery runs the SQL of its queryset, compiled once, for each parameter."""

import pytest

from rkkp_portal.compiled_queries import CompiledQuery
from steering.models import Membership
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_each_call_reads_the_rows_of_its_own_parameter(django_assert_num_queries):
    one, other = MembershipFactory(), MembershipFactory()
    seats = CompiledQuery(
        lambda person_id: Membership.objects.filter(person_id=person_id).values_list(
            "pk", "term_start"
        )
    )
    assert seats(one.person_id) == [(one.pk, one.term_start)]
    with django_assert_num_queries(1):
        assert seats(other.person_id) == [(other.pk, other.term_start)]
    assert seats(0) == []


def test_a_queryset_that_does_not_use_its_parameter_once_is_refused():
    twice = CompiledQuery(
        lambda pk: Membership.objects.filter(person_id=pk, group_id=pk).values_list("pk")
    )
    with pytest.raises(ValueError, match="exactly once"):
        twice(1)
