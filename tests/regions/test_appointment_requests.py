"""Appointment requests: sent by the secretariat or the system, answered or declined by the
region, escalated through the outbox when overdue."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from regions import services
from regions.models import AppointmentRequest
from regions.tasks import escalate_appointment_requests
from steering.models import Message
from tests import factories

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def request_for_hovedstaden(secretariat, admin_hovedstaden, group, hovedstaden):
    return services.request_appointment(
        actor=secretariat,
        group=group,
        region=hovedstaden,
        reason="Ingen fra regionen",
        due_on=TODAY - datetime.timedelta(days=1),
    )


def test_a_request_queues_a_letter_to_the_regions_administrators(
    request_for_hovedstaden, admin_hovedstaden
):
    message = Message.objects.get(kind="appointment_request")
    assert message.recipient_email == admin_hovedstaden.email
    assert message.idempotency_key == (
        f"appointment-request:{request_for_hovedstaden.pk}:{admin_hovedstaden.pk}"
    )
    assert f"/regions/hovedstaden/requests/{request_for_hovedstaden.pk}/" in message.body_text


def test_only_the_secretariat_sends_requests(admin_hovedstaden, group, hovedstaden):
    with pytest.raises(PermissionDenied):
        services.request_appointment(
            actor=admin_hovedstaden, group=group, region=hovedstaden, reason="x"
        )


def test_a_region_has_one_waiting_request_per_group(request_for_hovedstaden, secretariat):
    with pytest.raises(ValidationError):
        services.request_appointment(
            actor=secretariat,
            group=request_for_hovedstaden.group,
            region=request_for_hovedstaden.region,
            reason="again",
        )


def test_the_system_requests_every_seat_the_composition_rules_miss(
    secretariat, group, hovedstaden, member_seat
):
    factories.all_regions()
    created = services.request_missing_appointments(actor=None, today=TODAY)
    pairs = {(r.group_id, r.region.code) for r in created}
    # The group has Hovedstaden's member; the other four regions are asked.
    assert (group.pk, "hovedstaden") not in pairs
    assert {code for gid, code in pairs if gid == group.pk} == {
        "sjaelland",
        "syddanmark",
        "midtjylland",
        "nordjylland",
    }
    assert all(r.due_on == TODAY + datetime.timedelta(days=30) for r in created)
    # Run again: the waiting requests are not repeated.
    assert services.request_missing_appointments(actor=None, today=TODAY) == []


def test_an_admin_declines_with_a_reason(request_for_hovedstaden, admin_hovedstaden):
    declined = services.decline_request(
        actor=admin_hovedstaden, request=request_for_hovedstaden, reason="Ingen kandidat"
    )
    assert declined.status == "declined"
    assert declined.history.first().history_user == admin_hovedstaden


def test_declining_needs_a_reason(request_for_hovedstaden, admin_hovedstaden):
    with pytest.raises(ValidationError):
        services.decline_request(
            actor=admin_hovedstaden, request=request_for_hovedstaden, reason=" "
        )


def test_another_region_cannot_decline(request_for_hovedstaden, admin_syddanmark):
    with pytest.raises(PermissionDenied):
        services.decline_request(
            actor=admin_syddanmark, request=request_for_hovedstaden, reason="x"
        )


def test_overdue_requests_are_escalated_to_the_region_and_the_secretariat(
    request_for_hovedstaden, admin_hovedstaden, secretariat
):
    assert services.escalate_overdue_requests(TODAY) == 1
    request_for_hovedstaden.refresh_from_db()
    assert request_for_hovedstaden.status == "escalated"
    keys = set(
        Message.objects.filter(kind__in=["escalation", "notice"]).values_list(
            "idempotency_key", "recipient_email"
        )
    )
    pk = request_for_hovedstaden.pk
    assert keys == {
        (f"appointment-escalation:{pk}:{TODAY}:{admin_hovedstaden.pk}", admin_hovedstaden.email),
        (f"appointment-escalation-notice:{pk}:{TODAY}:{secretariat.pk}", secretariat.email),
    }


def test_escalation_runs_once(request_for_hovedstaden):
    services.escalate_overdue_requests(TODAY)
    count = Message.objects.count()
    assert services.escalate_overdue_requests(TODAY) == 0
    assert Message.objects.count() == count


def test_requests_not_yet_due_are_left_alone(request_for_hovedstaden):
    assert services.escalate_overdue_requests(TODAY - datetime.timedelta(days=2)) == 0
    request_for_hovedstaden.refresh_from_db()
    assert request_for_hovedstaden.status == "open"


def test_the_beat_task_and_the_command_escalate(request_for_hovedstaden, capsys):
    assert escalate_appointment_requests.delay().get() == 1
    call_command("escalate_appointment_requests", "--create-missing", f"--date={TODAY}")
    assert "Escalated 0 request(s)." in capsys.readouterr().out


# Pages


def test_the_secretariat_sends_a_request_from_the_page(client, secretariat, group, hovedstaden):
    client.force_login(secretariat)
    response = client.post(
        "/regions/hovedstaden/requests/new/",
        {"group": group.pk, "reason": "Mangler", "due_on": "2030-01-01"},
    )
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().region == hovedstaden


def test_a_due_date_in_the_past_is_a_form_error(client, secretariat, group, hovedstaden):
    client.force_login(secretariat)
    response = client.post(
        "/regions/hovedstaden/requests/new/",
        {"group": group.pk, "reason": "Mangler", "due_on": "2020-01-01"},
    )
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()


def test_an_admin_cannot_send_requests(client, admin_hovedstaden, group):
    client.force_login(admin_hovedstaden)
    url = "/regions/hovedstaden/requests/new/"
    assert client.get(url).status_code == 403
    data = {"group": group.pk, "reason": "x", "due_on": "2030-01-01"}
    assert client.post(url, data).status_code == 403
    assert client.post("/regions/request-missing/").status_code == 403
    assert not AppointmentRequest.objects.exists()


def test_the_secretariat_requests_all_missing_seats(
    client, secretariat, group, hovedstaden, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):  # the job runs eagerly
        assert client.post("/regions/request-missing/").status_code == 302
    assert AppointmentRequest.objects.filter(group=group, region=hovedstaden).exists()


def test_an_admin_sees_and_declines_their_regions_request(
    client, admin_hovedstaden, request_for_hovedstaden
):
    client.force_login(admin_hovedstaden)
    url = f"/regions/hovedstaden/requests/{request_for_hovedstaden.pk}/"
    assert "Ingen fra regionen" in client.get(url).content.decode()
    response = client.post(url + "decline/", {"decline_reason": "Ingen kandidat"})
    assert response.status_code == 302
    request_for_hovedstaden.refresh_from_db()
    assert request_for_hovedstaden.status == "declined"


def test_another_regions_request_is_invisible(client, admin_syddanmark, request_for_hovedstaden):
    """Under their own region the request does not exist; under Hovedstaden they are refused."""
    client.force_login(admin_syddanmark)
    pk = request_for_hovedstaden.pk
    assert client.get(f"/regions/syddanmark/requests/{pk}/").status_code == 404
    assert (
        client.post(f"/regions/syddanmark/requests/{pk}/decline/", {"decline_reason": "x"})
    ).status_code == 404
    assert (
        client.post(f"/regions/hovedstaden/requests/{pk}/decline/", {"decline_reason": "x"})
    ).status_code == 403
    request_for_hovedstaden.refresh_from_db()
    assert request_for_hovedstaden.status == "open"


def test_the_request_list_shows_only_the_regions_requests(
    client, admin_hovedstaden, secretariat, request_for_hovedstaden, other_group, syddanmark
):
    services.request_appointment(
        actor=secretariat, group=other_group, region=syddanmark, reason="Syd mangler"
    )
    client.force_login(admin_hovedstaden)
    response = client.get("/regions/hovedstaden/requests/")
    assert list(response.context["page_obj"]) == [request_for_hovedstaden]
    # A filter value cannot widen the list to another region.
    response = client.get(f"/regions/hovedstaden/requests/?q={other_group.database.name}")
    assert list(response.context["page_obj"]) == []
    response = client.get("/regions/hovedstaden/requests/?status=declined")
    assert list(response.context["page_obj"]) == []


def test_the_request_list_costs_the_same_whatever_its_length(
    client, admin_hovedstaden, secretariat, hovedstaden, django_assert_num_queries
):
    client.force_login(admin_hovedstaden)
    for _ in range(2):
        services.request_appointment(
            actor=secretariat, group=factories.GroupFactory(), region=hovedstaden, reason="x"
        )
    client.get("/regions/hovedstaden/requests/")
    # user, roles (session from Redis), region, page count, page rows (with group,
    # database, seat).
    with django_assert_num_queries(5) as small:
        client.get("/regions/hovedstaden/requests/")
    for _ in range(5):
        services.request_appointment(
            actor=secretariat, group=factories.GroupFactory(), region=hovedstaden, reason="x"
        )
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/regions/hovedstaden/requests/")
