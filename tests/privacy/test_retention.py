"""Letters keep their text for a while after delivery; the nightly job and its command."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

import steering.tasks  # noqa: F401 - registers the tasks, as a worker's autodiscovery does
from rkkp_portal.celery import app as celery_app
from steering.models import Message, Person
from steering.privacy.services import apply_retention, clear_letter_texts
from tests.privacy.conftest import OLD_LAST

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def letter(key: str, *, status: str = "sent", sent_days_ago: int | None = None) -> Message:
    sent_at = NOW - datetime.timedelta(days=sent_days_ago) if sent_days_ago is not None else None
    return Message.objects.create(
        kind="welcome",
        idempotency_key=key,
        recipient_email="karen@hospital.example",
        subject="Velkommen",
        body_text="Kære Karen",
        body_html="<p>Kære Karen</p>",
        ics="BEGIN:VCALENDAR",
        status=status,
        sent_at=sent_at,
    )


def test_a_delivered_letter_loses_its_text_after_the_retention_period(settings):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    old = letter("old", sent_days_ago=31)
    recent = letter("recent", sent_days_ago=29)
    assert clear_letter_texts(now=NOW) == 1
    old.refresh_from_db()
    assert (old.body_text, old.body_html, old.ics) == ("", "", "")
    assert old.body_cleared_at == NOW
    # The record of the letter stays.
    assert (old.subject, old.recipient_email, old.status, old.kind) == (
        "Velkommen",
        "karen@hospital.example",
        "sent",
        "welcome",
    )
    recent.refresh_from_db()
    assert recent.body_text == "Kære Karen" and recent.body_cleared_at is None


def test_letters_not_delivered_keep_their_text_so_they_can_still_be_sent(settings):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    failed = letter("failed", status="failed")
    queued = letter("queued", status="queued")
    Message.objects.filter(pk__in=[failed.pk, queued.pk]).update(
        created_at=NOW - datetime.timedelta(days=400)
    )
    assert clear_letter_texts(now=NOW) == 0
    assert Message.objects.filter(body_text="Kære Karen").count() == 2


def test_clearing_twice_changes_nothing(settings):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    letter("old", sent_days_ago=100)
    assert clear_letter_texts(now=NOW) == 1
    later = NOW + datetime.timedelta(days=1)
    assert clear_letter_texts(now=later) == 0
    assert Message.objects.get().body_cleared_at == NOW


def test_a_letter_marked_cleared_cannot_keep_its_text():
    message = letter("x", sent_days_ago=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(body_cleared_at=NOW)


def test_an_anonymised_person_cannot_keep_contact_details(member_seat):
    person = member_seat.person
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(anonymised_at=NOW)


# --- the nightly job -------------------------------------------------------------------


def test_the_beat_entry_runs_the_whole_job(settings, everything):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    letter("old", sent_days_ago=100)
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-people"]
    result = celery_app.tasks[entry["task"]].apply().get()
    # The old letter, and the person's own welcome letter is cleared as part of the person.
    assert result == {
        "anonymised": 1,
        "letters_cleared": 1,
        "dry_run": 0,
        "roster_uploads_cleared": 0,
    }
    assert Person.objects.get(pk=everything.person.pk).anonymised_at is not None
    assert not Message.objects.filter(body_text__contains="Kære").exists()


def test_the_beat_entry_runs_nightly(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["anonymise-people"]["schedule"]
    assert schedule.hour == {3} and schedule.minute == {30}


def test_the_dry_run_counts_and_changes_nothing(everything, capsys, settings):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    letter("old", sent_days_ago=100)
    call_command("anonymise_people", "--dry-run")
    out = capsys.readouterr().out
    # The person's welcome letter is past retention too: two letters would be cleared.
    assert "1 person(s) would be anonymised" in out and "2 letter text(s)" in out
    assert Person.objects.get(pk=everything.person.pk).last_name == OLD_LAST
    assert Message.objects.filter(body_cleared_at__isnull=False).count() == 0


def test_the_command_anonymises_and_a_second_run_finds_nothing(everything, capsys):
    call_command("anonymise_people")
    assert "Anonymised 1 person(s)" in capsys.readouterr().out
    call_command("anonymise_people")
    assert "Anonymised 0 person(s); removed 0" in capsys.readouterr().out
    assert apply_retention(dry_run=True).anonymised == 0


def test_an_unusable_period_stops_the_job(settings, everything):
    from django.core.exceptions import ImproperlyConfigured

    settings.ANONYMISE_AFTER_DAYS = 0
    with pytest.raises(ImproperlyConfigured):
        apply_retention()
    assert Person.objects.get(pk=everything.person.pk).anonymised_at is None


def test_the_command_anonymises_one_person_on_request(member_seat, capsys):
    person = member_seat.person
    call_command("anonymise_people", "--person", str(person.pk), "--dry-run")
    assert "1 person(s) would be anonymised" in capsys.readouterr().out
    assert Person.objects.get(pk=person.pk).anonymised_at is None
    call_command("anonymise_people", "--person", str(person.pk))
    assert Person.objects.get(pk=person.pk).anonymised_at is not None
    call_command("anonymise_people", "--person", str(person.pk))
    assert "Anonymised 0 person(s); 1 already were." in capsys.readouterr().out


def test_the_command_refuses_an_unknown_person():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="999999"):
        call_command("anonymise_people", "--person", "999999")
