"""Self-service: a member changes their own work contact details, language and consent.

The work e-mail is deliberately not self-editable: it is the login identity and the address
every letter goes to, and the register keeps it unique, so a change goes through the
secretariat or the regional administrator (``update_person``), who can check it.
"""

from django.db import transaction
from django.utils import timezone

from steering.models import Person
from steering.services.base import require, save
from steering.services.changes import has_changes

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
