import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def hash_calendar_token(token: str) -> str:
    """The fingerprint stored in place of the token.

    A plain SHA-256 suffices: the token is 256 random bits, so there is nothing to guess,
    and an unkeyed hash keeps working addresses working when SECRET_KEY is rotated.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarTokenQuerySet(models.QuerySet):
    def for_token(self, token: str):
        return self.filter(token_hash=hash_calendar_token(token))


class CalendarToken(models.Model):
    """The secret in a person's calendar-feed address; a new one revokes the old address.

    Calendar programs cannot log in, so the unguessable token is the credential. Only its
    hash is stored, as for a password: a copy of the database or a backup gives no working
    address, and the address is shown to its owner only when it is made.
    """

    person = models.OneToOneField(
        "steering.Person",
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(_("fingerprint of the address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.person)
