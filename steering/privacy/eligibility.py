"""Who is due for anonymisation.

A person is anonymised once nothing has happened in their record for
``ANONYMISE_AFTER_DAYS``: every seat ended (or never existed) before the cut-off, no
nomination open or decided since, no open appointment request or running buy-out on
their seats, registered before the cut-off, no login used since, and no role that still
needs them (staff login, regional administrator, the circle, a listed support contact).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from regions.models import AppointmentRequest, BuyOutAgreement, SupportContact
from steering.models import Membership, Person


def anonymisation_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Records that ended before this day are old enough to anonymise."""
    days = settings.ANONYMISE_AFTER_DAYS
    if days < 1:
        raise ImproperlyConfigured(f"ANONYMISE_AFTER_DAYS must be at least 1; got {days}")
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def people_due_for_anonymisation(today: datetime.date | None = None) -> QuerySet[Person]:
    from representatives.models import LeadershipNomination

    cutoff = anonymisation_cutoff(today)
    listed_as_support = Exists(
        SupportContact.objects.filter(email__iexact=OuterRef("email")).exclude(email="")
    )
    return (
        Person.objects.filter(anonymised_at__isnull=True, created_at__date__lt=cutoff)
        .exclude(memberships__status__in=[Membership.Status.PROPOSED, Membership.Status.ACTIVE])
        .exclude(memberships__ended_on__gte=cutoff)
        .exclude(nominations__status=LeadershipNomination.Status.PROPOSED)
        .exclude(nominations__decided_at__date__gte=cutoff)
        .exclude(memberships__appointment_requests__status__in=AppointmentRequest.UNANSWERED)
        .exclude(memberships__buyout_agreements__in=BuyOutAgreement.objects.open())
        # One exclude per condition: NOT (a OR b) on a missing login's NULLs is NULL, not true.
        .exclude(user__is_secretariat=True)
        .exclude(user__is_staff=True)
        .exclude(user__is_superuser=True)
        .exclude(user__last_login__date__gte=cutoff)
        .exclude(user__administered_regions__active=True)
        .exclude(user__circle_membership__active=True)
        .exclude(listed_as_support)
        .order_by("pk")
    )
