from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0007_fill_buyout_decisions"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="buyoutagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["approved", "active", "rejected"]), _negated=True),
                    models.Q(("decided_at__isnull", False), ("decided_by__isnull", False)),
                    _connector="OR",
                ),
                name="decided_buyout_records_decider",
                violation_error_message="An approved or rejected agreement must record who decided and when.",
            ),
        ),
    ]
