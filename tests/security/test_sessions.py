"""Staff sessions time out when idle and at an absolute limit; deactivation ends every session."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.urls import reverse

from rkkp_portal import security
from rkkp_portal.accounts.services import deactivate_login
from rkkp_portal.middleware import SEEN_WRITE_INTERVAL
from tests.security.helpers import sign_in, signed_in_user_id

# Any page that needs a login; the member's own session list keeps these tests about
# sessions rather than about what /me/ shows.
SIGNED_IN_PAGE = "usersessions_list"

STAFF = ["secretariat", "admin_hovedstaden", "circle_member"]
MINUTE, HOUR = 60, 3600


def set_clock(client, *, login_ago: int, seen_ago: int) -> None:
    """Pretend the login and the last request happened that many seconds ago."""
    now = int(time.time())
    session = client.session
    session[security.LOGIN_AT] = now - login_ago
    session[security.SEEN_AT] = now - seen_ago
    session.save()


def warnings_on_login_page(client, response) -> list[str]:
    assert response.status_code == 302
    page = client.get(response["Location"])
    return [str(message) for message in page.context["messages"]]


@pytest.mark.parametrize("persona", STAFF)
def test_a_staff_session_ends_after_30_idle_minutes(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    set_clock(client, login_ago=HOUR, seen_ago=30 * MINUTE + 5)

    response = client.get("/databases/?page=2")

    assert response["Location"] == reverse("account_login") + "?next=/databases/%3Fpage%3D2"
    assert signed_in_user_id(client) is None
    messages = warnings_on_login_page(client, response)
    assert len(messages) == 1
    assert "30" in messages[0]


@pytest.mark.parametrize("persona", STAFF)
def test_a_staff_session_ends_10_hours_after_login_even_when_busy(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    set_clock(client, login_ago=10 * HOUR + 5, seen_ago=0)

    response = client.get("/")

    assert response["Location"].startswith(reverse("account_login"))
    assert signed_in_user_id(client) is None
    messages = warnings_on_login_page(client, response)
    assert len(messages) == 1
    assert "10" in messages[0]


def test_a_staff_session_within_the_limits_goes_on_and_counts_as_active(client, secretariat):
    client.force_login(secretariat)
    set_clock(client, login_ago=9 * HOUR, seen_ago=29 * MINUTE)

    assert client.get("/").status_code == 200
    assert int(time.time()) - client.session[security.SEEN_AT] < 5
    assert client.get("/databases/").status_code == 200


def test_activity_is_written_at_most_once_a_minute(client, secretariat):
    client.force_login(secretariat)
    set_clock(client, login_ago=HOUR, seen_ago=SEEN_WRITE_INTERVAL - 10)
    before = client.session[security.SEEN_AT]

    client.get("/")

    assert client.session[security.SEEN_AT] == before


@pytest.mark.parametrize("persona", ["member", "chair"])
def test_members_keep_a_normal_session(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    set_clock(client, login_ago=3 * 24 * HOUR, seen_ago=5 * HOUR)

    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    assert signed_in_user_id(client) is not None


def test_the_limits_come_from_the_settings(client, secretariat, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(secretariat)
    set_clock(client, login_ago=HOUR, seen_ago=6 * MINUTE)

    assert client.get("/").status_code == 302
    assert signed_in_user_id(client) is None


def test_a_login_starts_the_clock(client, secretariat):
    sign_in(client, secretariat)

    assert int(time.time()) - client.session[security.LOGIN_AT] < 5
    assert client.session[security.SEEN_AT] == client.session[security.LOGIN_AT]


def test_a_session_from_before_the_rules_starts_its_clock_now(client, secretariat):
    client.force_login(secretariat)
    session = client.session
    del session[security.LOGIN_AT], session[security.SEEN_AT]
    session.save()

    assert client.get("/").status_code == 200
    assert int(time.time()) - client.session[security.LOGIN_AT] < 5


def test_an_expired_post_leads_to_the_login_page_without_replaying_it(client, secretariat):
    client.force_login(secretariat)
    set_clock(client, login_ago=HOUR, seen_ago=HOUR)

    response = client.post("/people/", {"anything": "x"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


def test_an_expired_htmx_request_loads_the_login_page_for_the_whole_page(client, secretariat):
    client.force_login(secretariat)
    set_clock(client, login_ago=HOUR, seen_ago=HOUR)

    response = client.get(
        "/people/?q=x",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/people/?region=hovedstaden",
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == (
        reverse("account_login") + "?next=/people/%3Fregion%3Dhovedstaden"
    )
    assert signed_in_user_id(client) is None
    assert list(get_messages(response.wsgi_request))


# --- Deactivation ends every session --------------------------------------------------------


def deactivate_by_saving(user, secretariat, client):
    user.is_active = False
    user.save()


def deactivate_by_service(user, secretariat, client):
    deactivate_login(actor=secretariat, user=user)


def deactivate_in_the_admin(user, secretariat, client):
    client.force_login(secretariat)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name not in ("password",)
    }
    data.update(is_active="", is_secretariat="", is_staff="")
    data = {name: value for name, value in data.items() if value not in (False, "")}
    for name in ("last_login", "date_joined"):
        data.pop(name, None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.parametrize(
    "deactivate",
    [deactivate_by_saving, deactivate_by_service, deactivate_in_the_admin],
    ids=["shell", "service", "admin"],
)
def test_deactivating_a_login_ends_all_its_sessions(
    client, second_client, client_for_staff, member, secretariat, deactivate
):
    sign_in(client, member)
    sign_in(second_client, member, HTTP_USER_AGENT="Another browser")
    keys = [client.session.session_key, second_client.session.session_key]
    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    assert second_client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    assert UserSession.objects.filter(user=member).count() == 2

    deactivate(member, secretariat, client_for_staff)

    member.refresh_from_db()
    assert member.is_active is False
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=member).exists()
    # Even if the login is switched on again, the old sessions stay ended.
    member.is_active = True
    member.save()
    for browser in (client, second_client):
        response = browser.get(reverse(SIGNED_IN_PAGE))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_other_logins_keep_their_sessions(client, second_client, member, chair):
    sign_in(client, member)
    sign_in(second_client, chair)

    deactivate_login(actor=None, user=member)

    assert second_client.get(reverse(SIGNED_IN_PAGE)).status_code == 200


def test_a_user_sees_their_sessions_and_can_end_the_others(client, second_client, member):
    sign_in(client, member)
    sign_in(second_client, member, HTTP_USER_AGENT="Another browser")

    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert page.context["session_count"] == 2

    client.post(reverse("usersessions_list"))

    assert client.get(reverse(SIGNED_IN_PAGE)).status_code == 200
    assert second_client.get(reverse(SIGNED_IN_PAGE)).status_code == 302
