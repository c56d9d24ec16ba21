"""Willing to continue? The member's signed answer link and their answer.

The link carries the question's id and the person it was sent to, signed with a salt
used for nothing else. Opening it changes nothing (mail scanners open every link); the
page records the answer only when its button is pressed. It expires ``MAX_AGE`` after
the letter was written, and answers are refused once the question is closed.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rkkp_portal.services import require, save
from steering.models import SuccessionAsk

SALT = "steering.succession.willingness"
# Longer than any lead time a group can set, so the link lasts until the term has ended.
MAX_AGE = datetime.timedelta(days=800)


class InvalidLink(Exception):
    """The link was altered, has expired, or names a question that does not match."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(ask: SuccessionAsk) -> str:
    return _signer().sign_object({"a": ask.pk, "p": ask.membership.person_id}, compress=False)


def link(ask: SuccessionAsk) -> str:
    path = reverse("steering:succession-answer", kwargs={"token": make_token(ask)})
    return settings.SITE_URL + path


def expires_on(ask: SuccessionAsk) -> datetime.date:
    """Until when the member can answer by the link: the seat's planned end."""
    return ask.membership.term_end


def ask_for_token(token: str) -> SuccessionAsk:
    """The question a link answers; ``InvalidLink`` with ``reason`` 'expired',
    'invalid' (forged, cut off, or another person's) or 'closed'."""
    try:
        data = _signer().unsign_object(token, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidLink("expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidLink("invalid") from exc
    try:
        ask_id, person_id = int(data["a"]), int(data["p"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidLink("invalid") from exc
    ask = (
        SuccessionAsk.objects.select_related("membership__person", "membership__group__database")
        .filter(pk=ask_id, member_asked=True)
        .first()
    )
    if ask is None or ask.membership.person_id != person_id:
        raise InvalidLink("invalid")
    if not ask.is_open or ask.membership.status != ask.membership.Status.ACTIVE:
        raise InvalidLink("closed")
    return ask


@transaction.atomic
def answer_willingness(
    *, actor, ask: SuccessionAsk, willing: str, comment: str = ""
) -> SuccessionAsk:
    """Record the member's answer (a later answer replaces it while the question is open).

    ``actor=None`` is the signed link, which only the member received."""
    if actor is not None:
        require(actor, "steering.answer_willingness", ask)
    locked = SuccessionAsk.objects.select_for_update().get(pk=ask.pk)
    if not locked.is_open:
        raise ValidationError(_("The question is closed; your answer was not needed."))
    if not locked.member_asked:
        raise ValidationError(_("You were not asked this question."))
    if willing not in SuccessionAsk.Willing.values:
        raise ValidationError({"willing": _("Choose yes or no.")})
    locked.willing = willing
    locked.comment = comment.strip()
    locked.answered_at = timezone.now()
    locked.full_clean()
    save(locked, actor=actor)
    return locked
