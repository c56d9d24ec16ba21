"""Closing the succession questions about a seat that has been filled another way: the
region answered its appointment request with a new member, or the circle approved a
leadership nomination. Shared by those services (``regions``, ``representatives``)."""

from django.db.models import QuerySet
from django.utils import timezone

from rkkp_portal.services import save
from steering.models import Membership, SuccessionAsk


def close_questions(
    *, actor, asks: QuerySet[SuccessionAsk], successor: Membership | None = None
) -> None:
    """Close the open questions among ``asks`` (locking them), naming ``successor``, the
    new seat, where the caller knows it. Runs inside the caller's transaction."""
    for ask in asks.open().select_for_update(of=("self",)):
        ask.status = SuccessionAsk.Status.CLOSED
        ask.successor = successor
        ask.closed_at = timezone.now()
        ask.full_clean()
        save(ask, actor=actor)
