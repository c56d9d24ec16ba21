"""Store each calendar token as its hash and forget the token itself (#20).

The feed address a member already subscribed to keeps working: the feed looks the token
in the address up by its hash. The hash is written out here rather than imported from the
model, so this migration keeps doing what it did when the model changes.
"""

import hashlib
import secrets

from django.db import migrations


def hash_tokens(apps, schema_editor):
    CalendarToken = apps.get_model("steering", "CalendarToken")
    for row in CalendarToken.objects.filter(token__isnull=False).only("pk", "token"):
        token_hash = hashlib.sha256(row.token.encode()).hexdigest()
        CalendarToken.objects.filter(pk=row.pk).update(token_hash=token_hash, token=None)


def new_plain_tokens(apps, schema_editor):
    """Going back: a hash cannot be turned into its token, so every address is new (the
    members subscribe again), but each person keeps having one."""
    CalendarToken = apps.get_model("steering", "CalendarToken")
    for pk in CalendarToken.objects.filter(token__isnull=True).values_list("pk", flat=True):
        CalendarToken.objects.filter(pk=pk).update(token=secrets.token_urlsafe(32), token_hash=None)


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0011_add_calendar_token_hash"),
    ]

    operations = [
        migrations.RunPython(hash_tokens, new_plain_tokens, elidable=False),
    ]
