"""What the dashboard shows a member: their current seats and their next meetings."""

from django.utils import timezone

from steering.models import Invitation, Meeting, Membership, Person

NEXT_MEETINGS_SHOWN = 10


def member_overview(person_id: int) -> dict:
    """The member's current seats and the next planned meetings they are invited to: three
    queries."""
    person = Person.objects.only("first_name", "last_name").get(pk=person_id)
    seats = (
        Membership.objects.current()
        .filter(person_id=person_id)
        .select_related("group__database", "representing_region")
        .order_by("group__database__name", "pk")
    )
    invitations = (
        Invitation.objects.filter(
            person_id=person_id,
            meeting__starts_at__gte=timezone.now(),
            meeting__status=Meeting.Status.PLANNED,
        )
        .select_related("meeting__group__database")
        .order_by("meeting__starts_at", "meeting_id")[:NEXT_MEETINGS_SHOWN]
    )
    return {"name": person.full_name, "my_seats": list(seats), "invitations": list(invitations)}
