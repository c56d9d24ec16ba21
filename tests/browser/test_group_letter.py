"""The secretariat writes to a whole steering group, in Chromium (steering/letters)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, SECRETARIAT


def test_the_secretariat_writes_to_a_group_previews_and_sends(open_tab, journeys):
    chair = journeys["chair"]
    tab = open_tab("group-letter")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto(f"/databases/{chair['slug']}/", "group-page")
    page.locator(f"main a[href='/databases/{chair['slug']}/letters/new/']").click()
    tab.check("group-letter-form", screenshot=True)

    # Without a subject the form says so; nothing is sent.
    page.locator("#id_body").fill("Kære alle\n\nVi mødes igen i marts.")
    page.locator("main form button[value=preview]").click()
    expect(page.locator("[data-module=error-summary] a[href='#id_subject']")).to_have_count(1)
    tab.check("group-letter-errors")

    page.locator("#id_subject").fill("Ekstra møde i marts")
    page.locator("main form button[value=preview]").click()
    expect(page.locator("main")).to_contain_text("Vi mødes igen i marts.")
    tab.check("group-letter-preview", screenshot=True)
    page.locator("main form button[value=send]").click()
    # The copies are queued by a job (in-process here, so its page shows the outcome).
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-progress")).to_contain_text("Brevet “Ekstra møde i marts” er på vej")
    tab.check("group-letter-job")
    page.locator(f"#job-progress a[href='/databases/{chair['slug']}/letters/']").click()
    expect(page).to_have_url(re.compile(f"/databases/{chair['slug']}/letters/$"))
    expect(page.locator("main h2", has_text="Ekstra møde i marts")).to_have_count(1)
    tab.check("group-letters")
