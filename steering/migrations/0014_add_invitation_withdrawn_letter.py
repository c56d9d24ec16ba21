from django.db import migrations, models


class Migration(migrations.Migration):
    """A letter kind: the invitation of a member whose seat ended is withdrawn (#20)."""

    dependencies = [
        ("steering", "0013_remove_plain_calendar_tokens"),
    ]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="kind",
            field=models.CharField(
                choices=[
                    ("welcome", "Welcome letter"),
                    ("invitation", "Meeting invitation"),
                    ("meeting_update", "Meeting change"),
                    ("meeting_cancelled", "Meeting cancellation"),
                    ("invitation_withdrawn", "Invitation withdrawn"),
                    ("reminder", "Meeting reminder"),
                    ("rsvp_nudge", "Reminder to respond"),
                    ("term_alert", "Expiring appointments"),
                    ("nomination_decision", "Nomination decision"),
                    ("appointment_request", "Appointment request"),
                    ("escalation", "Follow-up reminder"),
                    ("declaration_reminder", "Declaration of interests reminder"),
                    ("notice", "Notice"),
                ],
                max_length=30,
                verbose_name="type",
            ),
        ),
    ]
