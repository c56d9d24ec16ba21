"""Term-expiry alerts: seats whose planned end is 90 or 30 days away, as one digest each.

The secretariat hears about every seat, a regional administrator about the seats of
their region (the region the seat represents, or for seats without one, where the member
is employed). Each recipient gets one digest per run covering both lead times; its
idempotency key (``term-alert:<user>:<date>``) makes a second run the same day a no-op,
so beat, cron and a person running the command can overlap safely.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Membership, Message

# The most urgent first: that is the order of the digest's sections.
LEAD_DAYS = (30, 90)


@dataclass
class Digest:
    user: object
    seats_by_lead: dict[int, list[Membership]] = field(default_factory=dict)

    def add(self, lead: int, seat: Membership) -> None:
        self.seats_by_lead.setdefault(lead, []).append(seat)


def seats_due(today: datetime.date) -> dict[int, list[Membership]]:
    """Active seats whose planned end is exactly each lead time away, in one query."""
    ends = {today + datetime.timedelta(days=lead): lead for lead in LEAD_DAYS}
    seats = (
        Membership.objects.active()
        .filter(term_end__in=list(ends))
        .select_related("person__region", "group__database", "representing_region")
        .order_by("term_end", "group__database__name", "person__last_name", "person__first_name")
    )
    due: dict[int, list[Membership]] = {lead: [] for lead in LEAD_DAYS}
    for seat in seats:
        due[ends[seat.term_end]].append(seat)
    return due


def seat_region_id(seat: Membership) -> int | None:
    return seat.representing_region_id or seat.person.region_id


def digests_for(due: dict[int, list[Membership]]) -> list[Digest]:
    """Who hears about which seats: the secretariat all, administrators their region's."""
    from regions.models import RegionalAdministrator

    region_ids = {seat_region_id(seat) for seats in due.values() for seat in seats} - {None}
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_secretariat=True)
            | Q(administered_regions__active=True, administered_regions__region_id__in=region_ids)
        )
        .select_related("person")
        .distinct()
        .order_by("pk")
    )
    administered = dict(
        RegionalAdministrator.objects.filter(active=True, region_id__in=region_ids).values_list(
            "user_id", "region_id"
        )
    )
    digests = []
    for user in users:
        digest = Digest(user=user)
        for lead, seats in due.items():
            for seat in seats:
                if user.is_secretariat or administered.get(user.pk) == seat_region_id(seat):
                    digest.add(lead, seat)
        if digest.seats_by_lead:
            digests.append(digest)
    return digests


@transaction.atomic
def send_term_alerts(today: datetime.date | None = None) -> int:
    """Queue today's digests; returns how many new letters were queued."""
    today = today or timezone.localdate()
    due = seats_due(today)
    if not any(due.values()):
        return 0
    queued = 0
    for digest in digests_for(due):
        # A user without a person in the register still gets the alert, in Danish.
        person = getattr(digest.user, "person", None)
        language = person.language if person is not None else settings.LANGUAGE_CODE
        sections = [
            {"lead": lead, "seats": digest.seats_by_lead[lead]}
            for lead in LEAD_DAYS
            if lead in digest.seats_by_lead
        ]
        letter = render_letter(
            "term_alert",
            {
                "user": digest.user,
                "today": today,
                "sections": sections,
                "count": sum(len(section["seats"]) for section in sections),
                "site_url": settings.SITE_URL,
                "list_url": settings.SITE_URL + reverse("steering:database-list"),
            },
            language,
        )
        _, created = outbox.queue_message(
            kind=Message.Kind.TERM_ALERT,
            key=f"term-alert:{digest.user.pk}:{today.isoformat()}",
            recipient_email=digest.user.email,
            subject=letter.subject,
            body_text=letter.body_text,
            body_html=letter.body_html,
            person=person,
            language=language,
        )
        queued += created
    return queued
