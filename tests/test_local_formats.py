"""Dates, numbers and amounts follow the language: 15. januar 2026 and 180.000,00 kr. in
Danish, 15 January 2026 and DKK 180,000.00 in English, on pages and in letters alike
(rkkp_portal/formats/, the local_formats template filters)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from steering.letters.rendering import render_letter
from steering.letters.welcome import welcome_context
from steering.meetings.letters import meeting_context
from steering.models import Invitation
from tests import factories

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
DAY = datetime.date(2026, 1, 15)
MOMENT = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=COPENHAGEN)


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load local_formats %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "15. januar 2026"), ("en", "15 January 2026")],
)
def test_a_date_is_written_as_the_language_writes_it(language, expected):
    assert render("{{ day|date }}", language, day=DAY) == expected
    assert render('{{ day|date:"DATE_FORMAT" }}', language, day=DAY) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "15. januar 2026 kl. 10:00"), ("en", "15 January 2026, 10:00")],
)
def test_a_moment_has_a_24_hour_clock_in_both_languages(language, expected):
    assert render('{{ moment|date:"DATETIME_FORMAT" }}', language, moment=MOMENT) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "torsdag 15. januar 2026 kl. 10:00"), ("en", "Thursday 15 January 2026, 10:00")],
)
def test_a_meeting_s_time_names_the_weekday(language, expected):
    assert render("{{ moment|long_datetime }}", language, moment=MOMENT) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "180.000,00 kr."), ("en", "DKK 180,000.00")],
)
def test_an_amount_has_thousands_separators_and_two_decimals(language, expected):
    assert render("{{ amount|kroner }}", language, amount=Decimal("180000")) == expected


def test_no_amount_is_shown_as_nothing():
    assert render("{{ amount|kroner }}", "da", amount=None) == ""


def test_plain_numbers_are_not_grouped_so_years_stay_years():
    assert render("{{ year }}", "da", year=2026) == "2026"
    with translation.override("da"):
        assert formats.number_format(Decimal("1.5"), 1) == "1,5"


@pytest.fixture
def seat(db, hovedstaden):
    return factories.MembershipFactory(
        term_start=datetime.date(2026, 1, 1), term_end=datetime.date(2029, 12, 31)
    )


def test_the_welcome_letter_writes_the_term_in_the_recipient_s_language(seat):
    danish = render_letter("welcome", welcome_context(seat), "da")
    assert "1. januar 2026" in danish.body_text and "31. december 2029" in danish.body_html
    english = render_letter("welcome", welcome_context(seat), "en")
    assert "1 January 2026" in english.body_text and "31 December 2029" in english.body_html
    assert "1. January" not in english.body_text + english.body_html


def test_the_invitation_names_the_meeting_s_day_in_the_recipient_s_language(seat):
    meeting = factories.MeetingFactory(
        group=seat.group, starts_at=MOMENT, ends_at=MOMENT + datetime.timedelta(hours=6)
    )
    invitation = Invitation.objects.create(meeting=meeting, person=seat.person)
    with translation.override("da"):
        danish = render_letter("invitation", meeting_context(invitation), "da")
    assert "15. januar 2026" in danish.subject
    assert "torsdag 15. januar 2026 kl. 10:00–16:00" in danish.body_text
    english = render_letter("invitation", meeting_context(invitation), "en")
    assert "15 January 2026" in english.subject
    assert "Thursday 15 January 2026, 10:00–16:00" in english.body_text


def test_the_buyout_pages_show_amounts_and_periods_in_the_user_s_language(
    client, admin_hovedstaden, approved_buyout
):
    client.force_login(admin_hovedstaden)
    report = "/regions/hovedstaden/buyouts/report/?year=2026"
    danish = client.get(report).content.decode()
    assert "180.000,00 kr." in danish and "180000" not in danish
    listing = client.get("/regions/hovedstaden/buyouts/").content.decode()
    assert "1. januar 2026 – 31. december 2026" in listing and "180.000,00 kr." in listing

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(report).content.decode()
    assert "DKK 180,000.00" in english
    listing = client.get("/regions/hovedstaden/buyouts/").content.decode()
    assert "1 January 2026 – 31 December 2026" in listing and "DKK 180,000.00" in listing


def test_a_typed_english_date_is_read_day_first_as_it_is_shown():
    from django import forms

    field = forms.DateField()
    with translation.override("en"):
        assert field.clean("01/02/2026") == datetime.date(2026, 2, 1)
        assert field.clean("2026-02-01") == datetime.date(2026, 2, 1)
    with translation.override("da"):
        assert field.clean("01.02.2026") == datetime.date(2026, 2, 1)
