"""Signed answer links in meeting letters, usable without logging in.

A link carries the invitation id, the person it was sent to and the answer to pre-select,
signed with a salt used for nothing else, so it cannot be forged, turned to another
person, or used as any other kind of token. Opening it changes nothing (mail scanners
open every link); the page it opens records the answer only when its button is pressed.
It expires ``MAX_AGE`` after the letter was written and is never renewed, and answers are
refused once the meeting has started or been cancelled, or the person's seat has ended.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from steering.models import Invitation

SALT = "steering.rsvp.answer"
MAX_AGE = datetime.timedelta(days=120)
ANSWERS = (Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE)


class InvalidLink(Exception):
    """The link was altered, has expired or names an invitation that does not match."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    invitation_id: int
    person_id: int
    response: str


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(invitation: Invitation, response: str) -> str:
    if response not in ANSWERS:
        raise ValueError(response)
    return _signer().sign_object(
        {"i": invitation.pk, "p": invitation.person_id, "r": response}, compress=False
    )


def link(invitation: Invitation, response: str) -> str:
    path = reverse("steering:rsvp", kwargs={"token": make_token(invitation, response)})
    return settings.SITE_URL + path


def links(invitation: Invitation) -> dict[str, str]:
    return {answer: link(invitation, answer) for answer in ANSWERS}


def read_token(token: str) -> Answer:
    """The answer a link carries; ``InvalidLink`` with ``reason`` 'expired' or 'invalid'."""
    try:
        data = _signer().unsign_object(token, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidLink("expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidLink("invalid") from exc
    if not isinstance(data, dict) or data.get("r") not in ANSWERS:
        raise InvalidLink("invalid")
    try:
        return Answer(invitation_id=int(data["i"]), person_id=int(data["p"]), response=data["r"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidLink("invalid") from exc


def invitation_for(answer: Answer) -> Invitation:
    """The invitation a link answers; ``InvalidLink`` 'withdrawn' if it no longer exists
    (only the portal signs links, so a missing row was withdrawn), 'invalid' if it now
    belongs to someone else."""
    invitation = (
        Invitation.objects.select_related("meeting__group__database", "person")
        .filter(pk=answer.invitation_id)
        .first()
    )
    if invitation is None:
        raise InvalidLink("withdrawn")
    if invitation.person_id != answer.person_id:
        raise InvalidLink("invalid")
    return invitation
