from django.db import migrations, models


class Migration(migrations.Migration):
    """Only the hash of a calendar token is kept (#20)."""

    dependencies = [
        ("steering", "0012_fill_calendar_token_hashes"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="calendartoken",
            name="token",
        ),
        migrations.AlterField(
            model_name="calendartoken",
            name="token_hash",
            field=models.CharField(
                max_length=64, unique=True, verbose_name="fingerprint of the address"
            ),
        ),
    ]
