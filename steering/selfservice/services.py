"""Self-service: a member changes their own work contact details, language and consent,
and submits the yearly declaration of interests (the secretariat reminds who has not).

The work e-mail is deliberately not self-editable: it is the login identity and the address
every letter goes to, and the register keeps it unique, so a change goes through the
secretariat or the regional administrator (``update_person``), who can check it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from rkkp_portal.services import has_changes, require, save
from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Declaration, Membership, Message, Person

OWN_FIELDS = ("phone", "title", "language")


@transaction.atomic
def update_own_details(*, actor, person: Person, phone: str, title: str, language: str) -> Person:
    require(actor, "steering.edit_own_details", person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.phone = phone.strip()
    person.title = title.strip()
    person.language = language
    if not has_changes(person):
        return person
    person.full_clean()
    save(person, actor=actor)
    return person


@transaction.atomic
def set_listing_consent(*, actor, person: Person, consent: bool) -> Person:
    """Give or withdraw consent to be listed publicly; the time given is what is recorded."""
    require(actor, "steering.give_listing_consent", person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if consent == (person.listing_consent_at is not None):
        return person
    person.listing_consent_at = timezone.now() if consent else None
    save(person, actor=actor)
    return person


TEXT_FIELDS = ("employments", "boards", "financial_interests", "other")


@transaction.atomic
def submit_declaration(
    *,
    actor,
    person: Person,
    year: int,
    nothing_to_declare: bool,
    employments: str = "",
    boards: str = "",
    financial_interests: str = "",
    other: str = "",
) -> Declaration:
    """Submit (or revise) the person's declaration for the year; history keeps each version."""
    require(actor, "steering.submit_declaration", person)
    declaration = Declaration.objects.select_for_update().filter(
        person=person, year=year
    ).first() or Declaration(person=person, year=year)
    texts = {
        "employments": employments,
        "boards": boards,
        "financial_interests": financial_interests,
        "other": other,
    }
    declaration.nothing_to_declare = nothing_to_declare
    for name, value in texts.items():
        # "Nothing to declare" means nothing: stale text from an earlier version is dropped.
        setattr(declaration, name, "" if nothing_to_declare else value.strip())
    declaration.submitted_at = timezone.now()
    declaration.full_clean()
    save(declaration, actor=actor)
    return declaration


def missing_declarations(year: int):
    """Active seats whose holder has not submitted a declaration for the year."""
    submitted = Declaration.objects.filter(
        person=OuterRef("person"), year=year, submitted_at__isnull=False
    )
    return Membership.objects.active().filter(~Exists(submitted))


@transaction.atomic
def send_declaration_reminders(
    *, actor, year: int, people: QuerySet[Person], today: datetime.date | None = None
) -> int:
    """Queue one reminder to each of ``people`` who holds an active seat, has not declared
    for the year, has an e-mail address and was not reminded today (the key makes a resend
    the same day a no-op). The letters are written in bulk: a reminder to everyone missing
    is one request of well under a second, not one round trip per letter.

    Returns how many letters were queued now.
    """
    require(actor, "steering.manage_declarations")
    today = today or timezone.localdate()
    suffix = f":{year}:{today.isoformat()}"
    reminded_today = Message.objects.filter(
        kind=Message.Kind.DECLARATION_REMINDER,
        recipient_person=OuterRef("pk"),
        idempotency_key__endswith=suffix,
    )
    recipients = (
        Person.objects.filter(pk__in=people.values("pk"))
        .filter(pk__in=missing_declarations(year).values("person_id"))
        .exclude(email="")
        .exclude(Exists(reminded_today))
        .only("first_name", "last_name", "email", "language")
        .order_by("pk")
    )
    address = settings.SITE_URL + reverse("me-declaration")
    letters = []
    for person in recipients:
        letter = render_letter(
            "declaration_reminder",
            {"person": person, "year": year, "declaration_url": address},
            person.language,
        )
        letters.append(
            Message(
                kind=Message.Kind.DECLARATION_REMINDER,
                idempotency_key=f"declaration-reminder:{person.pk}{suffix}",
                recipient_email=person.email,
                recipient_person=person,
                language=person.language,
                subject=letter.subject,
                body_text=letter.body_text,
                body_html=letter.body_html,
            )
        )
    return outbox.queue_messages(letters)
