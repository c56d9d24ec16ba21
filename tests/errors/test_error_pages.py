"""The 400, 403, 404 and 500 pages: the portal's layout, the user's language, a way back.

Django renders 400 and 500 (and the CSRF page) without a request or context processors;
the 500 page in particular must not need the database, which may be what failed.
"""

import pytest
from django.conf import settings
from django.template import loader
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.errors.urls")]

HEADINGS = {
    "da": {
        400: "Portalen kunne ikke læse forespørgslen",
        403: "Du har ikke adgang til denne side",
        404: "Siden findes ikke",
        500: "Der gik noget galt",
    },
    "en": {
        400: "The portal could not read the request",
        403: "You do not have access to this page",
        404: "Page not found",
        500: "Something went wrong",
    },
}
WAY_BACK = {"da": "Gå til forsiden", "en": "Go to the front page"}


def client_in(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def assert_error_page(response, code: int, language: str):
    assert response.status_code == code
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{HEADINGS[language][code]}</h1>" in html
    assert f'<a class="button button-primary" href="/">{WAY_BACK[language]}</a>' in html
    assert 'class="footer"' in html  # the portal's own layout, not Django's bare page
    assert "details that must not reach the page" not in html
    return html


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("code", [400, 403, 404, 500])
def test_each_error_has_its_page_in_the_user_s_language(code, language):
    assert_error_page(client_in(language).get(f"/raise/{code}/"), code, language)


def test_a_signed_in_user_keeps_the_menu_on_a_404(member):
    client = client_in("da")
    client.force_login(member)
    html = assert_error_page(client.get("/no-such-page/"), 404, "da")
    assert "log-off" in html  # the user menu is there


def test_a_page_the_user_may_not_open_answers_with_the_403_page(member):
    client = client_in("da")
    client.force_login(member)
    assert_error_page(client.get("/regions/buyout-report/"), 403, "da")


def test_a_form_without_its_csrf_token_gets_the_expired_form_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x@example.com", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Formularen er udløbet</h1>" in html and "Gå til forsiden" in html


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "<h1>Der gik noget galt</h1>" in html and 'href="/"' in html
    assert "log-off" not in html  # no user: no user menu


def test_the_500_page_is_shown_with_debug_off(settings):
    assert settings.DEBUG is False
    response = client_in("en").get("/raise/500/")
    assert_error_page(response, 500, "en")
