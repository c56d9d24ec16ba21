"""Succession end to end (#22), with the embedded default (tasks run eagerly after commit):
the command asks, the letters are delivered, the member follows the link in their e-mail
and answers, and the region re-appoints them from its request. A group sets its own lead
time on its settings page."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from regions.models import AppointmentRequest
from steering.models import Membership, Message, SuccessionAsk
from tests.steering.test_group_settings import VALID, edit_url

pytestmark = pytest.mark.django_db


def test_from_the_scan_to_the_reappointment(
    client, member_seat, admin_hovedstaden, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ask_about_succession", "--date", "2027-07-04", stdout=StringIO())

    # Delivered after commit, without a broker.
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
    [letter] = [m for m in mail.outbox if m.to == [member_seat.person.email]]
    [link] = re.findall(r"https?://\S+/succession/answer/\S+/", letter.body)
    path = "/" + link.split("/", 3)[3]
    assert any(m.to == [admin_hovedstaden.email] for m in mail.outbox)

    assert client.get(path).status_code == 200
    assert client.post(path, {"willing": "yes", "comment": "Ja tak"}).status_code == 200

    ask = SuccessionAsk.objects.get()
    client.force_login(admin_hovedstaden)
    detail = reverse(
        "regions:request-detail", kwargs={"code": "hovedstaden", "pk": ask.appointment_request_id}
    )
    assert "Ja tak" in client.get(detail).content.decode()
    assert client.post(f"/succession/{ask.pk}/reappoint/").url == detail

    ask.refresh_from_db()
    assert ask.status == SuccessionAsk.Status.REAPPOINTED and ask.is_pending_renewal
    assert ask.appointment_request.status == AppointmentRequest.Status.ANSWERED
    assert "/succession/answer/" not in client.get(detail).content.decode()

    # On the new term's first day the daily command carries the decision out.
    out = StringIO()
    call_command("ask_about_succession", "--date", "2028-01-01", stdout=out)
    assert "Carried out 1 re-appointment(s)." in out.getvalue()
    ask.refresh_from_db()
    member_seat.refresh_from_db()
    assert ask.successor.person_id == member_seat.person_id
    assert ask.successor.status == Membership.Status.ACTIVE
    assert member_seat.status == Membership.Status.ENDED


def test_a_group_sets_its_own_lead_time_and_an_implausible_one_is_a_form_error(
    client, secretariat, group
):
    client.force_login(secretariat)

    assert client.post(edit_url(group), {**VALID, "succession_ask_days": "30"}).status_code == 302
    group.refresh_from_db()
    assert group.ask_days == 30
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "30 days before the term ends" in html

    page = client.post(edit_url(group), {**VALID, "succession_ask_days": "731"})
    assert page.status_code == 200
    group.refresh_from_db()
    assert group.succession_ask_days == 30

    assert client.post(edit_url(group), {**VALID, "succession_ask_days": ""}).status_code == 302
    group.refresh_from_db()
    assert group.succession_ask_days is None and group.ask_days == 180
