"""MFA is enforced for staff roles, optional for members; the admin has no login of its own."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse

from tests.security.helpers import (
    PASSWORD,
    code_for_secret,
    sign_in,
    signed_in_user_id,
    simple_routes,
    totp_code,
)

STAFF = ["secretariat", "admin_hovedstaden", "circle_member"]
ADMIN_PAGES = ["/admin/", "/admin/steering/membership/", "/admin/accounts/user/"]


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


def portal_pages() -> list[str]:
    """Every argument-free page outside the account pages, plus the admin."""
    open_prefixes = ("/accounts/", "/health/", "/tilgaengelighed/", "/privatliv/")
    return [route for route in simple_routes() if not route.startswith(open_prefixes)] + [
        *ADMIN_PAGES
    ]


def enrol(client) -> Authenticator:
    """Enrol TOTP as a person does: open the page, type the code the app shows."""
    page = client.get(reverse("mfa_activate_totp"))
    # allauth asks for the password again before any change to MFA, even just after login.
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in page.content  # the QR code CSP allows
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": code_for_secret(secret)})
    assert response.status_code == 302
    return Authenticator.objects.get(type=Authenticator.Type.TOTP)


def test_there_are_pages_to_protect():
    pages = portal_pages()
    assert {"/", "/databases/", "/people/", "/me/", "/admin/"} <= set(pages)
    assert not any(page.startswith("/accounts/") for page in pages)


@pytest.mark.parametrize("persona", STAFF)
def test_staff_without_totp_are_sent_to_enrol_from_every_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    not_sent = {}
    for page in portal_pages():
        response = client.get(page)
        if response.status_code != 302 or response["Location"] != reverse("mfa_activate_totp"):
            not_sent[page] = response.status_code
    assert not_sent == {}
    assert client.post("/", {}).status_code == 302


@pytest.mark.parametrize("persona", STAFF)
def test_staff_can_still_reach_enrolment_logout_and_health(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("health")).status_code in (200, 503)
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.get("/privatliv/").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("persona", STAFF)
def test_after_enrolling_staff_work_and_the_next_login_asks_for_the_code(
    client, second_client, request, persona
):
    user = request.getfixturevalue(persona)
    first_login = sign_in(client, user)
    assert client.get(first_login["Location"])["Location"] == reverse("mfa_activate_totp")

    authenticator = enrol(client)

    assert authenticator.user == user
    assert client.get("/").status_code == 200

    browser = second_client
    response = sign_in(browser, user)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(browser) is None
    assert browser.get("/")["Location"].startswith(reverse("account_login"))

    wrong = browser.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert signed_in_user_id(browser) is None

    browser.post(reverse("mfa_authenticate"), {"code": totp_code(authenticator)})
    assert signed_in_user_id(browser) == str(user.pk)
    assert browser.get("/").status_code == 200


def test_members_are_not_forced_but_may_enrol(client, second_client, member):
    sign_in(client, member)
    assert client.get(reverse("me")).status_code == 200
    assert client.get("/", follow=True).status_code == 200

    authenticator = enrol(client)

    browser = second_client
    assert sign_in(browser, member)["Location"] == reverse("mfa_authenticate")
    browser.post(reverse("mfa_authenticate"), {"code": totp_code(authenticator)})
    assert signed_in_user_id(browser) == str(member.pk)


def test_staff_cannot_switch_their_authenticator_off_while_mfa_is_required(client, secretariat):
    sign_in(client, secretariat)
    authenticator = enrol(client)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()


def test_members_can_switch_theirs_off(client, member):
    sign_in(client, member)
    enrol(client)

    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=member).exists()


# --- The Django admin sits behind the same login -------------------------------------------


def test_the_admin_login_sends_to_the_portal_login(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_the_admin_login_form_cannot_be_used_to_skip_mfa(client, secretariat):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})

    response = client.post(
        "/admin/login/", {"username": secretariat.email, "password": "correct horse battery"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert signed_in_user_id(client) is None


def test_the_admin_sends_anonymous_visitors_to_the_portal_login(client, db):
    response = client.get("/admin/steering/membership/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["member", "circle_member"])
def test_signed_in_users_who_are_not_django_staff_are_refused_by_the_admin(
    client, request, persona, settings
):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/admin/login/").status_code == 403


def test_a_password_reset_does_not_skip_the_second_factor(client, secretariat, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    authenticator = TOTP.activate(secretariat, generate_totp_secret()).instance
    client.post(reverse("account_reset_password"), {"email": secretariat.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    form_page = client.get(link[1], follow=True)
    new_password = "a-new-and-long-Passphrase-42"

    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link[1],
        {"password1": new_password, "password2": new_password},
    )

    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    client.post(reverse("mfa_authenticate"), {"code": totp_code(authenticator)})
    assert signed_in_user_id(client) == str(secretariat.pk)


def test_a_member_is_offered_two_step_login_on_their_details_page_and_sees_it_on(client, member):
    sign_in(client, member)
    page = client.get(reverse("me-details")).content.decode()
    assert "Login i to trin er slået fra" in page
    assert f'href="{reverse("mfa_activate_totp")}"' in page

    enrol(client)

    page = client.get(reverse("me-details")).content.decode()
    assert "Login i to trin er slået til" in page
    assert f'href="{reverse("mfa_index")}"' in page
