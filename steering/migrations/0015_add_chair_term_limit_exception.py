from django.db import migrations, models


class Migration(migrations.Migration):
    """A chair re-appointed past the term limit records the secretariat's reason (#20)."""

    dependencies = [
        ("steering", "0014_add_invitation_withdrawn_letter"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmembership",
            name="term_limit_exception",
            field=models.TextField(blank=True, verbose_name="reason for exceeding the term limit"),
        ),
        migrations.AddField(
            model_name="membership",
            name="term_limit_exception",
            field=models.TextField(blank=True, verbose_name="reason for exceeding the term limit"),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("term_limit_exception", ""), ("role", "chair"), _connector="OR"
                ),
                name="term_limit_exception_only_for_chairs",
                violation_error_message="Only a chair's seat can record an exception to the chair term limit.",
            ),
        ),
    ]
