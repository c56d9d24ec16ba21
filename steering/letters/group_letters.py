"""Letters to a whole steering group, or to the members of some roles or one region.

The secretariat writes to any group, a chair to their own (``steering.write_to_group``).
The letter is kept on the group (``GroupLetter``, shown on the database page) and each
recipient's copy goes through the outbox like every other letter, so it is delivered once
and appears among the recipient's letters. The copies are written by a background job
(``group_letter_job``), so sending never holds the request.
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from rkkp_portal.jobs.models import Job
from rkkp_portal.jobs.services import start_job
from rkkp_portal.services import require
from steering.letters.rendering import render_letter
from steering.models import GroupLetter, Membership, Message, Person
from steering.models.people import full_name

JOB_KIND = "group_letter"


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
    *, actor, group, subject: str, body: str, token, roles=(), region=None, return_to: str = ""
) -> tuple[GroupLetter, Job | None]:
    """Keep the letter on the group and start the job that queues one copy per recipient
    with an e-mail (``group_letter_job``), in one transaction.

    Returns the letter and its job; a form sent again with the same token finds the letter
    it sent the first time, starts nothing, and returns no job.
    """
    require(actor, "steering.write_to_group", group)
    existing = GroupLetter.objects.filter(token=token, group=group).first()
    if existing is not None:
        return existing, None
    try:
        with transaction.atomic():
            letter = _write(actor, group, subject, body, token, roles, region)
            job = start_job(
                actor=actor,
                kind=JOB_KIND,
                payload={"letter": letter.pk},
                total=letter.recipient_count,
                return_to=return_to,
            )
            return letter, job
    except IntegrityError:
        # The same form sent twice at once: the other request wrote it.
        existing = GroupLetter.objects.filter(token=token, group=group).first()
        if existing is None:
            raise
        return existing, None


def _write(actor, group, subject, body, token, roles, region) -> GroupLetter:
    """The letter, counting its recipients in one query (the job reads them)."""
    letter = GroupLetter(
        group=group,
        author=actor,
        signature=signature_of(actor),
        subject=subject.strip(),
        body=body.strip(),
        roles=sorted(roles),
        region=region,
        recipient_count=reachable(group, roles=roles, region=region).count(),
        token=token,
    )
    letter.full_clean(exclude=["token", "author"])
    letter.save()
    return letter


def reachable(group, *, roles=(), region=None) -> QuerySet[Person]:
    """The recipients a letter can go to: those with an e-mail address."""
    return recipients(group, roles=roles, region=region).exclude(email="")


def copy_of(letter: GroupLetter, person: Person, group_url: str) -> Message:
    """The recipient's copy, rendered in their language, ready for the outbox."""
    context = {
        "person": person,
        "letter": letter,
        "database": letter.group.database,
        "group_url": group_url,
    }
    rendered = render_letter("group_letter", context, person.language)
    return Message(
        kind=Message.Kind.GROUP_LETTER,
        idempotency_key=f"group-letter:{letter.pk}:{person.pk}",
        recipient_email=person.email,
        recipient_person=person,
        group=letter.group,
        language=person.language,
        subject=letter.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
    )
