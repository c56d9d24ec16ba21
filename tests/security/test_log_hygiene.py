"""Logs hold no capability tokens and no line a visitor wrote (#20).

Answer links and calendar-feed addresses are credentials: gunicorn's access and error
logs, Django's request warnings, the portal's own records and the error reports (DEBUG
page, e-mails to ADMINS) mask them. A path with %0a or %0d is escaped, so it cannot write
a log line of its own.
"""

import datetime
import io
import logging
import runpy
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from gunicorn.config import Config

from rkkp_portal.logs import MASK, safe_path
from steering.meetings import rsvp
from steering.meetings.services import issue_calendar_token
from steering.models import Invitation
from tests import factories
from tests.deployment.files import ROOT

RSVP_TOKEN = "eyJpIjoxLCJwIjoxLCJyIjoieWVzIn0:1tZ0Ab:Qx7-secret-signature_Zx9"
FEED_TOKEN = "Zx9-secret_feed_token"
FORGED = "\n2031-01-01 12:00:00,000 INFO rkkp_portal.security login ok: user=1"


@pytest.fixture
def console():
    """What the portal's log handler (settings.LOGGING's "console") writes."""
    # pytest's own capturing handlers are subclasses; the configured one is the plain class.
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def invitation(member_seat):
    meeting = factories.MeetingFactory(group=member_seat.group)
    return Invitation.objects.create(meeting=meeting, person=member_seat.person)


# --- gunicorn's access and error logs -----------------------------------------------------


def access_log_line(monkeypatch, path: str) -> str:
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    conf = SimpleNamespace(**runpy.run_path(str(ROOT / "gunicorn.conf.py")))
    config = Config()
    config.set("access_log_format", conf.access_log_format)
    logger = conf.AccessLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=123)
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    return conf.access_log_format % logger.atoms_wrapper_class(atoms)


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/meetings/answer/{RSVP_TOKEN}/", "/meetings/answer/***/"),
        (f"/me/calendar/{FEED_TOKEN}.ics", "/me/calendar/***.ics"),
        (f"/me/calendar/{FEED_TOKEN}/groups/12.ics", "/me/calendar/***/groups/12.ics"),
        ("/accounts/password/reset/key/2s-c5z7k2-secret/", "/accounts/password/reset/key/***/"),
        ("/accounts/password/reset/key/done/", "/accounts/password/reset/key/done/"),
        ("/accounts/confirm-email/MQ:secret:key/", "/accounts/confirm-email/***/"),
        ("/me/calendar/", "/me/calendar/"),
        ("/meetings/4/", "/meetings/4/"),
    ],
)
def test_the_access_log_masks_tokens_in_addresses(monkeypatch, path, logged):
    line = access_log_line(monkeypatch, path)

    assert f'"GET {logged}" 200 123' in line
    assert "secret" not in line


def test_a_path_with_line_breaks_is_one_escaped_line_in_the_access_log(monkeypatch):
    # gunicorn hands Django the decoded path: "%0a" arrives as a line break.
    line = access_log_line(monkeypatch, "/people/" + FORGED + "\r\x1b[2J")

    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "/people/\\n2031-01-01" in line
    assert line.endswith('\\r\\x1b[2J" 200 123 0ms')


def test_gunicorns_error_log_masks_tokens_and_escapes_line_breaks():
    conf = SimpleNamespace(**runpy.run_path(str(ROOT / "gunicorn.conf.py")))
    logger = conf.AccessLogger(Config())
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.error_log.addHandler(handler)
    try:
        logger.error("Error handling request %s", f"/meetings/answer/{RSVP_TOKEN}/{FORGED}")
    finally:
        logger.error_log.removeHandler(handler)

    written = stream.getvalue()
    assert written.count("\n") == 1
    assert RSVP_TOKEN not in written
    assert f"/meetings/answer/{MASK}/\\n2031-01-01" in written


# --- Django's request log and the portal's own records ----------------------------------


@pytest.mark.django_db
def test_a_404_on_a_feed_address_is_logged_without_its_token(client, console):
    assert client.get(f"/me/calendar/{FEED_TOKEN}.ics").status_code == 404

    written = console.getvalue()
    assert "Not Found: /me/calendar/***.ics" in written
    assert FEED_TOKEN not in written


@pytest.mark.django_db
def test_a_refused_answer_link_is_logged_without_its_token(client, console, invitation):
    token = rsvp.make_token(invitation, "yes")
    Invitation.objects.filter(pk=invitation.pk).delete()

    assert client.get(f"/meetings/answer/{token}/").status_code == 410
    assert client.get(f"/meetings/answer/{token}x/").status_code == 400

    written = console.getvalue()
    assert "Gone: /meetings/answer/***/" in written
    assert "Bad Request: /meetings/answer/***/" in written
    assert token not in written


@pytest.mark.django_db
def test_a_refused_answer_without_csrf_token_is_logged_without_the_token(console, invitation):
    token = rsvp.make_token(invitation, "yes")

    refused = Client(enforce_csrf_checks=True).post(
        f"/meetings/answer/{token}/", {"response": "no"}
    )

    assert refused.status_code == 403
    written = console.getvalue()
    assert "/meetings/answer/***/" in written
    assert token not in written


@pytest.mark.django_db
def test_a_path_with_line_breaks_writes_one_line_to_the_log(client, console):
    client.get("/people/%0a2031-01-01%2012:00:00,000%20INFO%20forged%0d%0a/")

    lines = console.getvalue().splitlines()
    assert len(lines) == 1
    assert "Not Found: /people/\\n2031-01-01" in lines[0]


@pytest.mark.django_db
def test_the_security_log_escapes_what_a_visitor_sent(console, member):
    # A method is not checked before the security log names it (a lenient server in
    # front, or a test client): the 403 from the CSRF check is logged with it.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    refused = browser.generic("POST" + FORGED.upper(), "/me/details/")

    assert refused.status_code == 403
    security = [line for line in console.getvalue().splitlines() if "rkkp_portal.security" in line]
    assert len(security) == 1
    assert "method=POST\\n2031-01-01" in security[0]
    assert not any(line.startswith("2031-01-01 12:00:00,000") for line in security)


def test_any_record_through_the_handler_is_one_line(console):
    logging.getLogger("rkkp_portal.security").warning("refused: login=%s", "x" + FORGED)
    logging.getLogger("steering.letters.tasks").warning("Delivery failed: %s", "550\r\nbad")

    lines = console.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[1].endswith("Delivery failed: 550\\r\\nbad")


def test_danish_letters_stay_readable_in_the_log():
    assert safe_path("/databases/dansk-ønske-æble/") == "/databases/dansk-ønske-æble/"


# --- error reports ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_error_report_to_the_admins_holds_no_token(settings, member_seat):
    settings.ADMINS = [("Drift", "drift@rkkp.example")]
    token = issue_calendar_token(actor=None, person=member_seat.person)
    client = Client(raise_request_exception=False)

    with mock.patch(
        "steering.meetings.views.calendar.calendar.feed_ics", side_effect=RuntimeError("boom")
    ):
        assert client.get(f"/me/calendar/{token}.ics").status_code == 500

    (report,) = mail.outbox
    html = report.alternatives[0][0] if report.alternatives else ""
    assert "/me/calendar/***.ics" in report.subject
    assert "RuntimeError" in report.body
    for text in (report.subject, report.body, html):
        assert token not in text


@pytest.mark.django_db
def test_the_debug_error_page_holds_no_token(settings, member_seat):
    settings.DEBUG = True
    token = issue_calendar_token(actor=None, person=member_seat.person)
    client = Client(raise_request_exception=False)

    with mock.patch(
        "steering.meetings.views.calendar.calendar.feed_ics", side_effect=RuntimeError("boom")
    ):
        page = client.get(f"/me/calendar/{token}.ics")

    assert page.status_code == 500
    assert "RuntimeError" in page.content.decode()
    assert token not in page.content.decode()
