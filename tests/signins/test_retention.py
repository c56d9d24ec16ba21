"""Sign-in records are kept for SIGN_IN_RECORDS_KEPT_DAYS, and are in a person's data export."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from rkkp_portal.accounts import tasks
from rkkp_portal.accounts.models import SignInEvent
from rkkp_portal.accounts.signins.record import record_event
from steering.privacy.export import collect
from steering.privacy.services import anonymise_person

Kind, Outcome = SignInEvent.Kind, SignInEvent.Outcome


def aged(days: int, user) -> SignInEvent:
    event = record_event(kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, user=user)
    SignInEvent.objects.filter(pk=event.pk).update(at=timezone.now() - timedelta(days=days))
    return event


@pytest.fixture
def ages(member):
    return {days: aged(days, member) for days in (1, 364, 366, 800)}


def remaining_ages(ages) -> list[int]:
    kept = set(SignInEvent.objects.values_list("pk", flat=True))
    return sorted(days for days, event in ages.items() if event.pk in kept)


def test_the_nightly_task_deletes_records_past_the_period_and_is_in_beat(settings, ages):
    assert (
        settings.CELERY_BEAT_SCHEDULE["purge-sign-in-records"]["task"]
        == "rkkp_portal.accounts.tasks.purge_sign_in_records"
    )

    assert tasks.purge_sign_in_records.delay().get() == 2

    assert remaining_ages(ages) == [1, 364]
    assert tasks.purge_sign_in_records.delay().get() == 0


def test_the_period_is_a_setting(settings, ages):
    settings.SIGN_IN_RECORDS_KEPT_DAYS = 30

    tasks.purge_sign_in_records()

    assert remaining_ages(ages) == [1]


def test_the_command_counts_on_a_dry_run_and_deletes_otherwise(ages, capsys):
    call_command("purge_sign_in_records", "--dry-run")
    assert "Dry run: 2 sign-in record(s)" in capsys.readouterr().out
    assert remaining_ages(ages) == [1, 364, 366, 800]

    call_command("purge_sign_in_records")

    assert "Deleted 2 sign-in record(s)" in capsys.readouterr().out
    assert remaining_ages(ages) == [1, 364]


def test_the_records_are_in_the_persons_data_export(member, member_seat):
    record_event(
        kind=Kind.FAILED_ATTEMPT,
        outcome=Outcome.FAILED,
        user=member,
        method="password",
    )

    data = collect(member_seat.person).as_dict()

    (record,) = data["sections"]["sign_ins"]["records"]
    assert record["kind"] == SignInEvent.Kind.FAILED_ATTEMPT.label
    assert record["outcome"] == SignInEvent.Outcome.FAILED.label
    assert set(record) == {"id", "at", "kind", "outcome", "method", "reason", "client"}


def test_anonymising_a_person_removes_their_sign_in_records(member, member_seat, secretariat):
    aged(2, member)

    anonymise_person(actor=secretariat, person=member_seat.person)

    assert not SignInEvent.objects.filter(user=member).exists()
