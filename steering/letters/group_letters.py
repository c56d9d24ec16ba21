"""Letters to a whole steering group, or to the members of some roles or one region.

The secretariat writes to any group, a chair to their own (``steering.write_to_group``).
The letter is kept on the group (``GroupLetter``, shown on the database page) and each
recipient's copy goes through the outbox like every other letter, so it is delivered once
and appears among the recipient's letters.
"""

import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from rkkp_portal.services import require
from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import GroupLetter, Membership, Message, Person
from steering.models.people import full_name


def recipients(group, *, roles=(), region=None) -> QuerySet[Person]:
    """The people holding a seat in office in the group, of the roles and region chosen
    (none chosen: all), in name order."""
    seats = Membership.objects.in_office().filter(group=group)
    if roles:
        seats = seats.filter(role__in=roles)
    if region is not None:
        seats = seats.filter(representing_region=region)
    return Person.objects.filter(pk__in=seats.values("person_id")).order_by(
        "last_name", "first_name", "pk"
    )


def signature_of(actor) -> str:
    """How the letter is signed: the writer's name in the register, else their e-mail."""
    person = Person.objects.filter(user=actor).only("first_name", "last_name").first()
    return full_name(person.first_name, person.last_name) if person else actor.email


def new_token() -> uuid.UUID:
    return uuid.uuid4()


def send_group_letter(
    *, actor, group, subject: str, body: str, token, roles=(), region=None
) -> tuple[GroupLetter, bool]:
    """Keep the letter on the group and queue one copy per recipient with an e-mail.

    Returns the letter and whether it was written now: a form sent again with the same
    token finds the letter it sent the first time and sends nothing more.
    """
    require(actor, "steering.write_to_group", group)
    existing = GroupLetter.objects.filter(token=token, group=group).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _write(actor, group, subject, body, token, roles, region), True
    except IntegrityError:
        # The same form sent twice at once: the other request wrote it.
        existing = GroupLetter.objects.filter(token=token, group=group).first()
        if existing is None:
            raise
        return existing, False


def _write(actor, group, subject, body, token, roles, region) -> GroupLetter:
    people = [person for person in recipients(group, roles=roles, region=region) if person.email]
    letter = GroupLetter(
        group=group,
        author=actor,
        signature=signature_of(actor),
        subject=subject.strip(),
        body=body.strip(),
        roles=sorted(roles),
        region=region,
        recipient_count=len(people),
        token=token,
    )
    letter.full_clean(exclude=["token", "author"])
    letter.save()
    database = group.database
    group_url = settings.SITE_URL + database.get_absolute_url()
    for person in people:
        rendered = render_letter(
            "group_letter",
            {"person": person, "letter": letter, "database": database, "group_url": group_url},
            person.language,
        )
        outbox.queue_message(
            kind=Message.Kind.GROUP_LETTER,
            key=f"group-letter:{letter.pk}:{person.pk}",
            recipient_email=person.email,
            subject=letter.subject,
            body_text=rendered.body_text,
            body_html=rendered.body_html,
            person=person,
            group=group,
            language=person.language,
        )
    return letter
