"""What the dashboard shows a member: their current seats and their next meetings."""

from django.utils import timezone

from steering.models import Invitation, Meeting, Membership, Person

NEXT_MEETINGS_SHOWN = 10


def member_overview(person_id: int) -> dict:
    """The member's current seats and the next planned meetings they are invited to: two
    queries (a third for the name of a member without a current seat)."""
    seats = list(
        Membership.objects.current()
        .filter(person_id=person_id)
        .select_related("person", "group__database", "representing_region")
        .only(
            "person__first_name",
            "person__last_name",
            "group__database__name",
            "group__database__slug",
            "representing_region__name_da",
            "representing_region__name_en",
            "role",
            "status",
            "term_start",
            "term_end",
            "term_number",
        )
        .order_by("group__database__name", "pk")
    )
    if seats:
        person = seats[0].person
    else:
        person = Person.objects.only("first_name", "last_name").get(pk=person_id)
    invitations = (
        Invitation.objects.filter(
            person_id=person_id,
            meeting__starts_at__gte=timezone.now(),
            meeting__status=Meeting.Status.PLANNED,
        )
        .select_related("meeting__group__database")
        .only(
            "response",
            "meeting__kind",
            "meeting__starts_at",
            "meeting__group__database__name",
        )
        .order_by("meeting__starts_at", "meeting_id")[:NEXT_MEETINGS_SHOWN]
    )
    return {"name": person.full_name, "my_seats": seats, "invitations": list(invitations)}
