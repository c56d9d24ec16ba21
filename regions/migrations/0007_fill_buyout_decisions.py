from django.conf import settings
from django.db import migrations


def fill_decisions(apps, schema_editor):
    """Agreements approved before the decision was recorded: the first change to approved
    (or active) in their history is the decision, by whoever made it. An approval with no
    known author (written outside the portal) goes back to proposed, for the secretariat."""
    Agreement = apps.get_model("regions", "BuyOutAgreement")
    History = apps.get_model("regions", "HistoricalBuyOutAgreement")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    undecided = Agreement.objects.filter(
        status__in=["approved", "active", "ended"], decided_at__isnull=True
    )
    for agreement in undecided.iterator():
        approval = (
            History.objects.filter(id=agreement.pk, status__in=["approved", "active"])
            .order_by("history_date", "history_id")
            .first()
        )
        user_id = approval.history_user_id if approval is not None else None
        if user_id is not None and User.objects.filter(pk=user_id).exists():
            agreement.decided_by_id = user_id
            agreement.decided_at = approval.history_date
            agreement.save(update_fields=["decided_by", "decided_at"])
        elif agreement.status != "ended":
            agreement.status = "proposed"
            agreement.save(update_fields=["status"])


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0006_add_buyout_decision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(fill_decisions, migrations.RunPython.noop)]
