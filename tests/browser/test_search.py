"""The staff's search from the header, in Chromium (rkkp_portal/search)."""

import re

from playwright.sync_api import expect

from rkkp_portal.search.folding import fold
from tests.browser.conftest import PASSWORD, SECRETARIAT


def test_the_secretariat_finds_a_chair_from_the_header_without_danish_letters(open_tab, journeys):
    chair = journeys["chair"]
    tab = open_tab("search")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    field = page.locator("#portal-search-q")
    field.fill(fold(chair["person"]))
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    tab.check("search-results", screenshot=True)
    hit = page.locator("#found-people ~ ul").get_by_role("link", name=chair["person"], exact=True)
    expect(hit).to_be_visible()
    hit.click()
    expect(page.locator("h1")).to_contain_text(chair["person"])
    tab.check("search-person")

    tab.goto("/search/?q=x", "search-too-short")
    expect(page.locator("#id_q")).to_have_attribute("aria-invalid", "true")
