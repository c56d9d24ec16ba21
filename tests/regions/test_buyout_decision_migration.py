"""Migration 0007 fills in who approved the buy-out agreements approved before the decision
was recorded, from their history (#20)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from regions.models import BuyOutAgreement
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("regions", "0006_add_buyout_decision")]


def migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def latest():
    # Every app's latest migration: going back unapplied the other apps' migrations that
    # depend on this one, and the rest of the suite needs them.
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_earlier_approvals_get_their_author_or_wait_for_the_secretariat(hospital_hovedstaden):
    seat = factories.MembershipFactory(
        role="chair", representing_region=None, person__employer=hospital_hovedstaden
    )
    approver = factories.make_regional_admin("hovedstaden")
    migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    Agreement = old.get_model("regions", "BuyOutAgreement")
    History = old.get_model("regions", "HistoricalBuyOutAgreement")
    approved_on = timezone.now() - datetime.timedelta(days=30)

    def agreement(status: str, history: list[tuple[str, int | None]]):
        row = Agreement.objects.create(
            membership_id=seat.pk,
            employer_id=hospital_hovedstaden.pk,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            hours_per_month=Decimal("10"),
            annual_amount_dkk=Decimal("1000"),
            status=status,
        )
        for days, (was, user_id) in enumerate(history):
            History.objects.create(
                id=row.pk,
                membership_id=seat.pk,
                employer_id=hospital_hovedstaden.pk,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                hours_per_month=row.hours_per_month,
                annual_amount_dkk=row.annual_amount_dkk,
                funded_by_pool=True,
                status=was,
                history_date=approved_on + datetime.timedelta(days=days),
                history_type="~",
                history_user_id=user_id,
            )
        return row.pk

    active = agreement(
        "active", [("proposed", approver.pk), ("approved", approver.pk), ("active", None)]
    )
    unknown = agreement("approved", [("proposed", None), ("approved", None)])
    withdrawn = agreement("ended", [("proposed", approver.pk), ("ended", approver.pk)])

    migrate(latest())

    filled = BuyOutAgreement.objects.get(pk=active)
    assert (filled.status, filled.decided_by) == ("active", approver)
    assert filled.decided_at == approved_on + datetime.timedelta(days=1)
    assert BuyOutAgreement.objects.get(pk=unknown).status == "proposed"
    left = BuyOutAgreement.objects.get(pk=withdrawn)
    assert (left.status, left.decided_at) == ("ended", None)
