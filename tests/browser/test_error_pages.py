"""The error pages pass the same checks as every other page (axe, the W3C checker): signed
out and signed in, in Danish and in English, each with its way back to the front page."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import MEMBER


def test_the_error_pages_signed_out_in_danish(open_tab):
    tab = open_tab("errors")
    page = tab.page
    for code in (400, 403, 404, 500):
        tab.goto(f"/raise/{code}/", f"error-{code}", status=code, screenshot=code == 500)
        expect(page.locator("html")).to_have_attribute("lang", "da")
        expect(page.locator("main a[href='/']")).to_have_text("Gå til forsiden")
    page.locator("main a[href='/']").click()
    expect(page).to_have_url(re.compile("/accounts/login/"))


def test_the_error_pages_of_a_signed_in_member_in_english(login):
    tab = login("errors-member", MEMBER)
    page = tab.page
    page.locator("#language-switch-select").select_option("en")
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()
    tab.goto("/regions/buyout-report/", "error-403", status=403, screenshot=True)
    expect(page.locator("h1")).to_have_text("You do not have access to this page")
    tab.goto("/no-such-page/", "error-404", status=404, screenshot=True)
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("nav.nav")).to_be_visible()  # the signed-in layout, menu and all
    page.locator("main a[href='/']").click()
    expect(page).to_have_url(re.compile("/me/$|/$"))
