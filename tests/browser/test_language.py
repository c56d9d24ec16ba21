"""Danish is the default; the language form in the header switches to English and back."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import MEMBER


def _switch_to(page, code: str) -> None:
    page.locator("#language-switch-select").select_option(code)
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()


def test_a_member_switches_to_english_and_back_to_danish(login):
    tab = login("language", MEMBER)
    page = tab.page
    expect(page).to_have_url(re.compile("/me/$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Min side")
    tab.check("me-danish")

    _switch_to(page, "en")
    expect(page).to_have_url(re.compile("/me/$"))  # the form brings you back to the page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("My page")
    expect(page.locator("nav.nav a.nav-link[href='/']")).to_have_text("Dashboard")
    tab.check("me-english", screenshot=True)

    # The choice sticks for the next page.
    page.locator("nav.nav a.nav-link[href='/']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Dashboard")
    tab.check("dashboard-english")

    _switch_to(page, "da")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Overblik")
    tab.check("dashboard-danish")
