"""Scoped querysets and the fetch-and-authorise helper for nominations.

A user who may not see a nomination gets 404; one who may see it but not act gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from representatives.models import LeadershipNomination


def nominations_visible_to(user) -> QuerySet[LeadershipNomination]:
    nominations = LeadershipNomination.objects.all()
    if not user.is_authenticated:
        return nominations.none()
    roles = user.roles
    if roles.secretariat or roles.circle:
        return nominations
    visible = Q(proposed_by=user)
    if roles.admin_region_id is not None:
        visible |= Q(proposing_region_id=roles.admin_region_id) | Q(
            person__region_id=roles.admin_region_id
        )
    if roles.person_id is not None:
        visible |= Q(person_id=roles.person_id)
    return nominations.filter(visible)


def get_nomination_for(
    user, pk: int, perm: str = "representatives.read_nomination"
) -> LeadershipNomination:
    nomination = (
        nominations_visible_to(user)
        .select_related(
            "person__employer__kind",
            "person__region",
            "group__database",
            "proposing_region",
            "proposed_by",
            "decided_by",
            "membership",
        )
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    if not user.has_perm(perm, nomination):
        raise PermissionDenied
    return nomination
