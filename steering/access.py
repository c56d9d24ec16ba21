"""Scoped querysets and fetch-and-authorise helpers for databases, groups, people and seats.

A user who may not see an object gets 404 (it stays invisible); one who may see it but
not do what they asked gets 403.
"""

import rules
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from steering.models import (
    ClinicalDatabase,
    Declaration,
    Membership,
    Message,
    Person,
    SteeringGroup,
)


def databases_visible_to(user) -> QuerySet[ClinicalDatabase]:
    databases = ClinicalDatabase.objects.all()
    if not user.is_authenticated:
        return databases.none()
    roles = user.roles
    if roles.secretariat or roles.admin_region_id is not None or roles.circle:
        return databases
    if roles.person_id is not None:
        # A subquery, not a JOIN: no DISTINCT over the selected rows, and counting and
        # paging stay plain.
        seats = Membership.objects.filter(
            group__database=OuterRef("pk"),
            person_id=roles.person_id,
            status__in=[Membership.Status.PROPOSED, Membership.Status.ACTIVE],
        )
        return databases.filter(Exists(seats))
    return databases.none()


def groups_visible_to(user) -> QuerySet[SteeringGroup]:
    return SteeringGroup.objects.filter(database__in=databases_visible_to(user))


def people_visible_to(user) -> QuerySet[Person]:
    people = Person.objects.all()
    if not user.is_authenticated:
        return people.none()
    roles = user.roles
    if roles.secretariat:
        return people
    if roles.admin_region_id is not None:
        scoped = people.filter(region_id=roles.admin_region_id)
        return scoped | people.filter(pk=roles.person_id) if roles.person_id else scoped
    if roles.person_id is not None:
        return people.filter(pk=roles.person_id)
    return people.none()


def memberships_visible_to(user) -> QuerySet[Membership]:
    """The seats whose own pages the user may open: every seat for the secretariat, those
    representing their region for a regional administrator, and their own.

    The same seats as ``steering.read_membership``: another region's seat, or a fellow
    member's, is a row on a roster the user may read, but its page (history, welcome
    letter) stays invisible: 404, like every object the user may not see.
    """
    seats = Membership.objects.all()
    if not user.is_authenticated:
        return seats.none()
    roles = user.roles
    if roles.secretariat:
        return seats
    scope = Q(pk__in=[])
    if roles.admin_region_id is not None:
        scope |= Q(representing_region_id=roles.admin_region_id)
    if roles.person_id is not None:
        scope |= Q(person_id=roles.person_id)
    return seats.filter(scope)


def declaration_seats_visible_to(user, year: int) -> QuerySet[Membership]:
    """The active seats whose holders' declarations of interests the user follows (the
    secretariat: every one), each with ``declared``: whether the holder has submitted a
    declaration for ``year``."""
    if not rules.has_perm("steering.manage_declarations", user):
        return Membership.objects.none()
    submitted = Declaration.objects.filter(
        person=OuterRef("person"), year=year, submitted_at__isnull=False
    )
    return Membership.objects.active().annotate(declared=Exists(submitted))


def _one(queryset):
    """The row a lookup by a unique key finds, or None. Unlike ``first()`` it adds no
    ORDER BY (the model's ordering), which costs a sort for a single row."""
    return next(iter(queryset.order_by()[:1]), None)


def _authorise(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_database_for(user, slug: str, perm: str = "steering.read_group") -> ClinicalDatabase:
    """The database by slug, with its group and RKKP people, if the user may ``perm`` its
    group (404 if they may not see it, 403 if they see it but may not)."""
    related = ("steering_group", "contact_person", "epidemiologist", "data_manager")
    database = _one(databases_visible_to(user).select_related(*related).filter(slug=slug))
    if database is None or not hasattr(database, "steering_group"):
        raise Http404
    _authorise(user, perm, database.steering_group)
    return database


def get_group_for(user, pk: int, perm: str = "steering.read_group") -> SteeringGroup:
    group = _one(groups_visible_to(user).select_related("database").filter(pk=pk))
    if group is None:
        raise Http404
    _authorise(user, perm, group)
    return group


def get_person_for(user, pk: int, perm: str = "steering.read_person") -> Person:
    person = _one(
        people_visible_to(user).select_related("employer", "region", "user").filter(pk=pk)
    )
    if person is None:
        raise Http404
    _authorise(user, perm, person)
    return person


def get_membership_for(user, pk: int, perm: str = "steering.read_membership") -> Membership:
    membership = _one(
        memberships_visible_to(user)
        .select_related("person", "group__database", "representing_region")
        .filter(pk=pk)
    )
    if membership is None:
        raise Http404
    _authorise(user, perm, membership)
    return membership


def messages_visible_to(user) -> QuerySet[Message]:
    """The outbox as the user may see it: all, their region's employees' letters, or their own."""
    messages = Message.objects.all()
    if not user.is_authenticated:
        return messages.none()
    roles = user.roles
    if roles.secretariat:
        return messages
    # A letter to an address rather than to a person in the register (a region's contact, a
    # login without a person) is the user's only if the address is a verified one of theirs:
    # an address merely typed in at /accounts/email/ proves nothing.
    own = Q(recipient_person__isnull=True) & Q(
        Exists(
            EmailAddress.objects.filter(
                user=user, verified=True, email__iexact=OuterRef("recipient_email")
            )
        )
    )
    if roles.person_id is not None:
        own |= Q(recipient_person_id=roles.person_id)
    if roles.admin_region_id is not None:
        own |= Q(recipient_person__region_id=roles.admin_region_id)
    return messages.filter(own)


def bounces_visible_to(user) -> QuerySet[Message]:
    """The letters a receiving server refused for good, to an address the recipient still
    has (one they have since changed has been dealt with), within the user's outbox."""
    still_their_address = Q(recipient_person__isnull=True) | Q(
        recipient_person__email__iexact=F("recipient_email")
    )
    return messages_visible_to(user).filter(still_their_address, bounced=True)


def get_message_for(user, pk: int, perm: str = "steering.read_message") -> Message:
    message = _one(
        messages_visible_to(user)
        .select_related("recipient_person", "group__database")
        .filter(pk=pk)
    )
    if message is None:
        raise Http404
    _authorise(user, perm, message)
    return message
