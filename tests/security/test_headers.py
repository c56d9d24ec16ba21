"""Security headers and cookie flags, asserted on real responses."""

import pytest
from django.urls import reverse

from steering.meetings.services import issue_calendar_token
from tests.security.helpers import sign_in

EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_protective_headers(response):
    assert policy(response) == EXPECTED_POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_login_page_carries_every_protective_header(client, db):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert_protective_headers(response)


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "member"])
def test_signed_in_pages_carry_them_too(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/", follow=True)

    assert response.status_code == 200
    assert_protective_headers(response)


def test_error_pages_carry_them_too(client, member):
    client.force_login(member)

    assert_protective_headers(client.get("/no-such-page/"))
    assert_protective_headers(client.get(reverse("representatives:overview")))  # 403


def test_the_admin_carries_them_too(client, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert_protective_headers(response)


def test_https_responses_carry_hsts_for_a_year_with_subdomains(client, db):
    response = client.get(reverse("account_login"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_plain_http_is_redirected_to_https_but_health_is_not(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("account_login"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("account_login")

    assert client.get(reverse("health")).status_code in (200, 503)
    assert client.get(reverse("account_login"), secure=True).status_code == 200


def test_a_tls_proxy_header_counts_as_https_when_configured(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get(reverse("account_login"), HTTP_X_FORWARDED_PROTO="http").status_code == 301
    response = client.get(reverse("account_login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_cookies_are_secure_http_only_and_same_site(client, member, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True

    login_page = client.get(reverse("account_login"), secure=True)
    signed_in = sign_in(client, member, secure=True)
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)

    cookies = {
        "csrftoken": login_page.cookies["csrftoken"],
        "sessionid": signed_in.cookies["sessionid"],
        "django_language": language.cookies["django_language"],
    }
    for name, cookie in cookies.items():
        assert cookie.value, name
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


# --- caching and browser features (#20 point 7) ---------------------------------------------


def pages_and_exports(seat, token) -> dict[str, str]:
    """Signed-in pages and exports holding personal data, and the calendar feed."""
    slug = seat.group.database.slug
    return {
        "dashboard": reverse("dashboard"),
        "database": reverse("steering:database-detail", args=[slug]),
        "person": reverse("steering:person-detail", args=[seat.person.pk]),
        "seat": reverse("steering:membership-detail", args=[seat.pk]),
        "people export": reverse("steering:person-export", args=["csv"]),
        "roster export": reverse("steering:roster-export", args=[slug, "xlsx"]),
        "register export": reverse("steering:database-export", args=["csv"]),
        "compliance export": reverse("steering:compliance-export", args=["csv"]),
        "calendar feed": reverse("steering:calendar-feed", args=[token]),
        "not found": "/no-such-page/",
    }


def test_no_page_or_export_with_personal_data_may_be_stored_by_a_cache(
    client, secretariat, member, member_seat
):
    token = issue_calendar_token(actor=secretariat, person=member_seat.person)
    client.force_login(secretariat)

    for name, url in pages_and_exports(member_seat, token).items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        assert "no-store" in response["Cache-Control"], name

    client.force_login(member)
    for url in (reverse("me"), reverse("me-details"), "/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_a_view_that_chose_its_own_caching_keeps_it(client, secretariat, member_seat):
    client.force_login(secretariat)

    response = client.get(
        reverse("steering:person-data-export", args=[member_seat.person.pk, "json"])
    )

    # never_cache's header, not replaced by the default
    assert "must-revalidate" in response["Cache-Control"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_denies_device_features(client, member, signed_in):
    if signed_in:
        client.force_login(member)

    for url in ("/", reverse("account_login"), reverse("steering:public-roster"), "/nowhere/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, url
