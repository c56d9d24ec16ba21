import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUSES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("active", "Active"),
    ("ended", "Completed"),
    ("rejected", "Rejected"),
]


class Migration(migrations.Migration):
    """A buy-out agreement records the secretariat's decision: who, when and why (#20)."""

    dependencies = [
        ("regions", "0005_add_appointment_requests_and_employer_backing"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="buyoutagreement",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided"),
        ),
        migrations.AddField(
            model_name="buyoutagreement",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="buyouts_decided",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="buyoutagreement",
            name="reasoning",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
        migrations.AddField(
            model_name="historicalbuyoutagreement",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided"),
        ),
        migrations.AddField(
            model_name="historicalbuyoutagreement",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="historicalbuyoutagreement",
            name="reasoning",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
        migrations.AlterField(
            model_name="buyoutagreement",
            name="status",
            field=models.CharField(
                choices=STATUSES, default="proposed", max_length=10, verbose_name="status"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbuyoutagreement",
            name="status",
            field=models.CharField(
                choices=STATUSES, default="proposed", max_length=10, verbose_name="status"
            ),
        ),
    ]
