from django.db import migrations, models


class Migration(migrations.Migration):
    """Room for the calendar token's hash beside the token, which may now be empty (#20)."""

    dependencies = [
        ("steering", "0010_remove_data_version_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendartoken",
            name="token_hash",
            field=models.CharField(
                max_length=64, null=True, unique=True, verbose_name="fingerprint of the address"
            ),
        ),
        migrations.AlterField(
            model_name="calendartoken",
            name="token",
            field=models.CharField(max_length=64, null=True, unique=True, verbose_name="token"),
        ),
    ]
