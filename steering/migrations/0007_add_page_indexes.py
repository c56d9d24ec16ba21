"""Indexes behind the register's pages (issue #10's page benchmark; each one is checked with
EXPLAIN in tests/perf/test_indexes.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0006_add_anonymisation_and_message_text_retention"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["starts_at"], name="meeting_starts_at"),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["role", "status"], name="membership_role_status"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
        ),
    ]
