"""First login: the welcome letter's set-password link, and where each role lands after login."""

import pytest
from django.urls import reverse

from steering.letters.welcome import welcome_context
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-passphrase-2026"


def login(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_the_welcome_letter_links_to_setting_a_password(member_seat):
    assert welcome_context(member_seat)["login_url"].endswith(reverse("account_reset_password"))


def test_a_plain_member_lands_on_their_own_page(client, member):
    response = login(client, member)
    assert response.status_code == 302
    assert response["Location"] == reverse("me")


def test_a_chair_lands_on_their_own_page(client, chair):
    assert login(client, chair)["Location"] == reverse("me")


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_land_on_the_dashboard(client, request, settings, persona):
    settings.REQUIRE_STAFF_MFA = False
    assert login(client, request.getfixturevalue(persona))["Location"] == reverse("dashboard")


def test_a_member_who_is_also_staff_lands_on_the_dashboard(client, member_seat, settings):
    settings.REQUIRE_STAFF_MFA = False
    user = factories.make_regional_admin("syddanmark", email=member_seat.person.email)
    member_seat.person.user = user
    member_seat.person.save(update_fields=["user"])
    assert login(client, user)["Location"] == reverse("dashboard")


def test_next_still_wins(client, member):
    member.set_password(PASSWORD)
    member.save()
    response = client.post(
        reverse("account_login") + "?next=/databases/",
        {"login": member.email, "password": PASSWORD},
    )
    assert response["Location"] == "/databases/"


def test_my_details_page_offers_two_step_login(client, member):
    client.force_login(member)
    assert reverse("mfa_index") in client.get(reverse("me-details")).content.decode()
