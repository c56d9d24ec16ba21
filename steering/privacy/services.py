"""Keep no more than needed: anonymise people who left long ago, clear old letters' text
and old roster uploads (``steering.imports.retention``).

``anonymise_person`` removes what identifies a person from their record, the records
about them and the history rows of those records (django-simple-history writes a row per
change, so scrubbing only the live row would keep every old name). The seats stay,
pointing at the anonymised person, so each group's composition over time is intact.
``apply_retention`` is the nightly job (``steering.tasks.anonymise_people`` and the
``anonymise_people`` command).
"""

import datetime
from dataclasses import asdict, dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone, translation
from django.utils.translation import gettext

from regions.models import BuyOutAgreement, EmployerBacking
from representatives.models import LeadershipNomination
from rkkp_portal.accounts.models import User
from rkkp_portal.services import require
from steering.imports import retention as roster_retention
from steering.models import (
    CalendarToken,
    Declaration,
    Invitation,
    Membership,
    Message,
    Person,
    SuccessionAsk,
)
from steering.privacy.eligibility import people_due_for_anonymisation

# Stands in for a manager's name where a value is required (a named constraint).
REMOVED = "—"
CHANGE_REASON = "anonymised"
DECLARATION_TEXTS = ("employments", "boards", "financial_interests", "other")
# What a login leaves besides the user row: addresses, MFA secrets, sessions (IP, browser).
LOGIN_TRACES = (
    "account.EmailAddress",
    "mfa.Authenticator",
    "usersessions.UserSession",
    "socialaccount.SocialAccount",
    "accounts.SignInEvent",
)


@dataclass
class RetentionResult:
    anonymised: int = 0
    letters_cleared: int = 0
    dry_run: bool = False
    roster_uploads_cleared: int = 0

    def as_dict(self) -> dict[str, int]:
        return {key: int(value) for key, value in asdict(self).items()}

    def as_log(self) -> str:
        return (
            f"{self.anonymised} people anonymised, {self.letters_cleared} letters' text "
            f"removed, {self.roster_uploads_cleared} roster uploads removed"
        )


def apply_retention(
    *, dry_run: bool = False, now: datetime.datetime | None = None
) -> RetentionResult:
    """The nightly run: every person due is anonymised, every old letter's text and every
    old roster upload removed."""
    now = now or timezone.now()
    due = people_due_for_anonymisation(timezone.localdate(now))
    old_letters = letters_past_retention(now)
    old_uploads = roster_retention.uploads_past_retention(now)
    if dry_run:
        return RetentionResult(
            due.count(),
            old_letters.count(),
            dry_run=True,
            roster_uploads_cleared=old_uploads.count(),
        )
    anonymised = sum(
        anonymise_person(actor=None, person=person, now=now, only_if_due=True)
        for person in list(due)
    )
    return RetentionResult(
        anonymised,
        clear_letter_texts(now=now),
        roster_uploads_cleared=roster_retention.remove_old_uploads(now),
    )


def letters_past_retention(now: datetime.datetime | None = None) -> QuerySet[Message]:
    """Delivered letters whose text is older than ``OUTBOX_BODY_RETENTION_DAYS``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS)
    return Message.objects.filter(
        status=Message.Status.SENT, sent_at__lt=cutoff, body_cleared_at__isnull=True
    )


def clear_letter_texts(*, now: datetime.datetime | None = None) -> int:
    """Remove the text of delivered letters past retention; the record of them stays.

    Failed and queued letters keep their text: the secretariat may still send them.
    """
    now = now or timezone.now()
    return letters_past_retention(now).update(
        body_text="", body_html="", ics="", body_cleared_at=now
    )


def anonymised_name(person: Person) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Anonymised person %(number)s") % {"number": person.pk}


@transaction.atomic
def anonymise_person(
    *, actor, person: Person, now: datetime.datetime | None = None, only_if_due: bool = False
) -> bool:
    """Anonymise one person and everything about them; False if already done.

    ``only_if_due`` (the nightly job) checks again under the row lock that the person is
    still due: a seat given between the job's query and this moment keeps them.
    """
    require(actor, "steering.anonymise_person", person)
    now = now or timezone.now()
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.anonymised_at is not None:
        return False
    if only_if_due and not (
        people_due_for_anonymisation(timezone.localdate(now)).filter(pk=person.pk).exists()
    ):
        return False
    old_name = person.full_name
    addresses = {e.lower() for e in (person.email, getattr(person.user, "email", "")) if e}
    login_ids = [person.user_id] if person.user_id else []
    if person.user is not None:
        _deactivate_login(person.user, actor=actor)
    new_name = anonymised_name(person)
    scrubbed = {
        "first_name": "",
        "last_name": new_name,
        "email": "",
        "phone": "",
        "title": "",
        "employer": None,
        "user": None,
        "listing_consent_at": None,
    }
    for name, value in scrubbed.items():
        setattr(person, name, value)
    person.anonymised_at = now
    person._history_user = actor
    person._change_reason = CHANGE_REASON
    person.save()
    Person.history.filter(id=person.pk).update(**scrubbed)

    touched = {
        Person: [person.pk],
        User: login_ids,
        Declaration: _clear(Declaration, Q(person=person), dict.fromkeys(DECLARATION_TEXTS, "")),
        Membership: _clear(
            Membership, Q(person=person), {"end_reason": "", "term_limit_exception": ""}
        ),
        LeadershipNomination: _clear(
            LeadershipNomination, Q(person=person), {"motivation": "", "reasoning": ""}
        ),
        BuyOutAgreement: _clear(BuyOutAgreement, Q(membership__person=person), {"notes": ""}),
        SuccessionAsk: _clear(
            SuccessionAsk, Q(membership__person=person), {"comment": "", "term_limit_exception": ""}
        ),
        EmployerBacking: _clear(
            EmployerBacking, Q(membership__person=person), {"notes": "", "confirmed_by": REMOVED}
        ),
        Invitation: list(person.invitations.values_list("pk", flat=True)),
    }
    CalendarToken.objects.filter(person=person).delete()
    _scrub_letters(person, addresses, old_name, now)
    _rename_in_admin_log(touched, {old_name: new_name} | dict.fromkeys(addresses, REMOVED))
    return True


def _deactivate_login(user: User, *, actor) -> None:
    """No way back in, and nothing left that identifies: the row stays for the audit trail
    (it is who made earlier changes). The address must stay unique, hence the user's id."""
    placeholder = f"anonymised-{user.pk}@invalid"
    scrubbed = {"email": placeholder, "first_name": "", "last_name": ""}
    for name, value in scrubbed.items():
        setattr(user, name, value)
    user.is_active = False
    user.set_unusable_password()  # also ends every session (the session hash changes)
    user._history_user = actor
    user._change_reason = CHANGE_REASON
    user.save()
    User.history.filter(id=user.pk).update(**scrubbed)
    for label in LOGIN_TRACES:
        try:
            trace = apps.get_model(label)
        except LookupError:  # that part of allauth is not installed
            continue
        trace._default_manager.filter(user=user).delete()


def _clear(model, condition: Q, values: dict) -> list[int]:
    """Clear free text on the live rows and on every historical row of them."""
    ids = list(model.objects.filter(condition).values_list("pk", flat=True))
    if ids:
        model.objects.filter(pk__in=ids).update(**values)
        model.history.filter(id__in=ids).update(**values)
    return ids


def _scrub_letters(person: Person, addresses: set[str], old_name: str, now) -> None:
    """Letters to the person lose address and text; old letters about them lose the text.

    "Old" is past the text retention period: a letter that recent naming the same name is
    about a namesake (this person left years ago), and a sent one would be cleared anyway.
    """
    to_them = Q(recipient_person=person)
    for address in addresses:
        to_them |= Q(recipient_email__iexact=address)
    letters = Message.objects.filter(to_them)
    letters.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.FAILED, claimed_at=None
    )
    letters.update(
        recipient_person=person,
        recipient_email="",
        body_text="",
        body_html="",
        ics="",
        last_error="",
        body_cleared_at=now,
    )
    retention = datetime.timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS)
    old_letters = Message.objects.filter(created_at__lt=now - retention).exclude(
        status__in=[Message.Status.QUEUED, Message.Status.SENDING]
    )
    mentions = Q()
    for needle in filter(None, [old_name, *addresses]):
        mentions |= Q(body_text__icontains=needle) | Q(body_html__icontains=needle)
        mentions |= Q(ics__icontains=needle)
    if mentions:
        old_letters.filter(mentions).update(body_text="", body_html="", ics="", body_cleared_at=now)
    if old_name:
        old_letters.filter(subject__contains=old_name).update(
            subject=Replace("subject", Value(old_name), Value(anonymised_name(person)))
        )


def _rename_in_admin_log(touched: dict, replacements: dict[str, str]) -> None:
    """The admin log names each object it records; those of this person's records change."""
    condition = Q()
    for model, ids in touched.items():
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    text = F("object_repr")
    for old, new in replacements.items():
        if old:
            text = Replace(text, Value(old), Value(new))
    if condition:
        LogEntry.objects.filter(condition).update(object_repr=text)
