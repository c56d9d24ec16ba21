"""Pages whose dates and amounts were written by hand before (rkkp_portal/formats/): the
buy-out report and a meeting page, in Danish and in English, through the usual checks."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import MEMBER, SECRETARIAT

DANISH_MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
)
ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
DANISH_DAY = re.compile(rf"\d{{1,2}}\. ({DANISH_MONTHS}) \d{{4}}")
ENGLISH_DAY = re.compile(rf"\d{{1,2}} ({ENGLISH_MONTHS}) \d{{4}}")


def _switch_to(page, code: str) -> None:
    page.locator("#language-switch-select").select_option(code)
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()


def test_the_buyout_report_in_both_languages(login):
    tab = login("formats-secretariat", SECRETARIAT)
    page = tab.page
    tab.goto("/regions/buyout-report/", "buyout-report-danish", screenshot=True)
    expect(page.locator("main")).to_contain_text(re.compile(r"Alle regioner: [\d.]+,\d\d kr\."))
    _switch_to(page, "en")
    tab.check("buyout-report-english")
    expect(page.locator("main")).to_contain_text(re.compile(r"All regions: DKK [\d,]+\.\d\d"))


def test_a_meeting_page_names_its_day_in_the_member_s_language(login, journeys):
    meeting_id = journeys["meetings"][MEMBER]
    tab = login("formats-member", MEMBER)
    page = tab.page
    tab.goto(f"/meetings/{meeting_id}/", "meeting-danish")
    expect(page.locator("main")).to_contain_text(DANISH_DAY)
    _switch_to(page, "en")
    tab.check("meeting-english")
    expect(page.locator("main")).to_contain_text(ENGLISH_DAY)
