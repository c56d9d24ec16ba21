"""A letter as mail: the message a mail server receives, with the headers mail tools read.

- ``Message-ID`` is derived from the letter's idempotency key, so a copy sent again (the
  one accepted duplicate, see ``steering.letters.outbox``) carries the same id and mail
  servers and clients can recognise it. Its domain is the portal's own (``SITE_URL``).
- ``Date`` is in local time with its offset (``EMAIL_USE_LOCALTIME``, Europe/Copenhagen).
- ``Auto-Submitted: auto-generated`` (RFC 3834): no out-of-office replies to the portal.
- ``X-RKKP-Message-Key`` names the letter for whoever has to find it by hand.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from steering.models import Message


def message_id(key: str) -> str:
    """The same key gives the same id on every attempt; keys may hold any character, so
    the id carries a digest of it."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<letter.{digest}@{urlsplit(settings.SITE_URL).hostname}>"


def build_email(message: Message, mail_connection=None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        headers={
            "Message-ID": message_id(message.idempotency_key),
            "Auto-Submitted": "auto-generated",
            "X-RKKP-Message-Key": message.idempotency_key,
        },
        connection=mail_connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.ics:
        # The MIME method must match the file's METHOD, or Outlook ignores a cancellation.
        method = "CANCEL" if "\nMETHOD:CANCEL" in message.ics else "REQUEST"
        mimetype = f"text/calendar; method={method}; charset=utf-8"
        email.attach("invitation.ics", message.ics, mimetype)
    return email
