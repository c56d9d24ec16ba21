"""Term-expiry alerts: the right seats, the right recipients, one digest each, once a day."""

import datetime

import pytest
from django.core.management import call_command

from rkkp_portal.celery import app as celery_app
from steering.letters.term_alerts import send_term_alerts
from steering.models import Message
from tests.factories import MembershipFactory, PersonFactory, make_regional_admin, region

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def seat(region_code: str | None, term_end: datetime.date, **fields):
    return MembershipFactory(
        representing_region=region(region_code) if region_code else None,
        role="member" if region_code else "chair",
        person__employer__region=region(region_code or "midtjylland"),
        term_start=datetime.date(2022, 1, 1),
        term_end=term_end,
        **fields,
    )


@pytest.fixture
def seats(hovedstaden, syddanmark):
    return {
        "h90": seat("hovedstaden", days(90), person__last_name="Halvfems"),
        "s30": seat("syddanmark", days(30), person__last_name="Tredive"),
        "chair90": seat(None, days(90), person__last_name="Formand"),
        # Not due today: a day early, a day late, ended, or no planned end.
        "h89": seat("hovedstaden", days(89), person__last_name="Otteogfirs"),
        "h31": seat("hovedstaden", days(31), person__last_name="Enogtredive"),
        "ended": seat(
            "hovedstaden",
            days(90),
            person__last_name="Ophørt",
            status="ended",
            ended_on=datetime.date(2025, 1, 1),
        ),
    }


def digests() -> dict[str, Message]:
    return {m.recipient_email: m for m in Message.objects.filter(kind=Message.Kind.TERM_ALERT)}


def test_each_recipient_gets_one_digest_with_the_seats_of_their_scope(
    seats, secretariat, admin_hovedstaden, admin_syddanmark, circle_member, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    admin_midtjylland = make_regional_admin("midtjylland", email="admin.midt@rkkp.example")

    assert send_term_alerts(TODAY) == 4

    sent = digests()
    assert set(sent) == {
        secretariat.email,
        admin_hovedstaden.email,
        admin_syddanmark.email,
        admin_midtjylland.email,
    }
    secretariat_text = sent[secretariat.email].body_text
    for name in ["Halvfems", "Tredive", "Formand"]:
        assert name in secretariat_text
    for name in ["Otteogfirs", "Enogtredive", "Ophørt"]:
        assert name not in secretariat_text
    # Both lead times in one digest, the most urgent first.
    assert secretariat_text.index("Tredive") < secretariat_text.index("Halvfems")
    assert "1. april 2026" in secretariat_text and "31. maj 2026" in secretariat_text
    assert "3" in sent[secretariat.email].subject
    hovedstaden_text = sent[admin_hovedstaden.email].body_text
    assert "Halvfems" in hovedstaden_text
    assert "Tredive" not in hovedstaden_text and "Formand" not in hovedstaden_text
    assert "Tredive" in sent[admin_syddanmark.email].body_text
    assert "Halvfems" not in sent[admin_syddanmark.email].body_text
    # A seat without a represented region goes to where the member is employed.
    assert "Formand" in sent[admin_midtjylland.email].body_text
    assert seats["h90"].group.database.get_absolute_url() in hovedstaden_text
    assert sent[admin_hovedstaden.email].idempotency_key == (
        f"term-alert:{admin_hovedstaden.pk}:2026-03-02"
    )


def test_a_second_run_the_same_day_sends_nothing_new(
    seats, secretariat, admin_hovedstaden, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_term_alerts(TODAY) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_term_alerts(TODAY) == 0
    assert Message.objects.filter(kind="term_alert").count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [secretariat.email, admin_hovedstaden.email]
    )


def test_nothing_is_sent_on_a_day_with_no_seats_due(seats, secretariat):
    assert send_term_alerts(days(2)) == 0
    assert not Message.objects.exists()


def test_an_administrator_of_a_region_with_nothing_due_gets_nothing(seats, admin_syddanmark):
    seats["s30"].delete()
    assert send_term_alerts(TODAY) == 0
    assert admin_syddanmark.email not in digests()


def test_an_inactive_secretary_or_administrator_gets_nothing(seats, secretariat, admin_hovedstaden):
    secretariat.is_active = False
    secretariat.save()
    admin_hovedstaden.administered_regions.update(active=False)
    assert send_term_alerts(TODAY) == 0


def test_the_alert_is_written_in_the_recipients_language(seats, admin_hovedstaden):
    PersonFactory(user=admin_hovedstaden, language="en", email=admin_hovedstaden.email)
    send_term_alerts(TODAY)
    alert = Message.objects.get(recipient_email=admin_hovedstaden.email)
    assert alert.language == "en"
    assert "Ending in 90 days" in alert.body_text
    assert "Ending in 90 days" in alert.body_html


def test_the_queries_do_not_grow_with_the_number_of_seats(
    secretariat, admin_hovedstaden, hovedstaden, django_assert_num_queries
):
    for _ in range(3):
        seat("hovedstaden", days(90))
    # the transaction's savepoint and release; seats, administrators, recipients; per
    # recipient: get_or_create (select, savepoint, insert, release)
    with django_assert_num_queries(2 + 3 + 2 * 4):
        send_term_alerts(TODAY)
    Message.objects.all().delete()
    for _ in range(10):
        seat("hovedstaden", days(30))
    with django_assert_num_queries(2 + 3 + 2 * 4):
        send_term_alerts(TODAY)


def test_the_command_runs_for_a_given_day(seats, secretariat, capsys):
    call_command("send_term_alerts", "--date", TODAY.isoformat())
    assert "Queued 1 term-expiry alert(s)." in capsys.readouterr().out
    call_command("send_term_alerts", "--date", TODAY.isoformat())
    assert "Queued 0 term-expiry alert(s)." in capsys.readouterr().out


def test_the_command_rejects_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_term_alerts", "--date", "2. marts")


def test_beat_scans_for_term_alerts_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-term-alerts"]
    assert entry["task"] == "steering.tasks.send_term_alerts"
    celery_app.loader.import_default_modules()  # what a worker and beat do as they start
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {6}


def test_the_beat_task_scans_as_of_today(secretariat, hovedstaden):
    from django.utils import timezone

    from steering.tasks import send_term_alerts as task

    seat("hovedstaden", timezone.localdate() + datetime.timedelta(days=30))
    assert task.apply().get() == 1
    assert task.apply().get() == 0
