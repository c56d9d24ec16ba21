"""The accessibility statement (tilgængelighedserklæring): linked from every page's footer,
with contact details and the date of the last review."""

import re

from playwright.sync_api import expect

from rkkp_portal.views import ACCESSIBILITY_REVIEWED_ON
from tests.browser.conftest import MEMBER


def test_the_footer_links_to_the_statement_for_anonymous_visitors(open_tab):
    tab = open_tab("statement")
    tab.goto("/accounts/login/", "login", screenshot=True)
    page = tab.page
    page.locator("footer a[href='/tilgaengelighed/']").click()
    expect(page).to_have_url(re.compile("/tilgaengelighed/$"))
    tab.check("accessibility-statement", screenshot=True)

    expect(page.locator("h1")).to_have_text("Tilgængelighedserklæring")
    contact = page.locator("main a[href^='mailto:']")
    expect(contact).to_have_count(1)
    expect(contact).to_have_text(re.compile(r"^\S+@\S+$"))
    reviewed = page.locator(f"main time[datetime='{ACCESSIBILITY_REVIEWED_ON.isoformat()}']")
    expect(reviewed).to_have_count(1)
    expect(reviewed).to_contain_text(str(ACCESSIBILITY_REVIEWED_ON.year))


def test_signed_in_pages_link_to_the_statement_too(login):
    tab = login("statement-member", MEMBER)
    expect(tab.page.locator("footer a[href='/tilgaengelighed/']")).to_have_count(1)
