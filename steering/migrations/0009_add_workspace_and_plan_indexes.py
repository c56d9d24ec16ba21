"""Indexes behind the region workspace's counts and the meeting plan's clash query (issue
#10's page benchmark; each one is checked with EXPLAIN in tests/perf/test_indexes.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0008_add_message_created_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="invitation",
            index=models.Index(
                fields=["meeting"],
                include=["person", "response"],
                name="invitation_meeting_covering",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["region", "id"], name="person_region_and_id"),
        ),
    ]
