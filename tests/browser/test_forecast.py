"""The forecast's pages in Chromium: the timeline with its charts and table, one group's
forecast, and a regional administrator's view of their region's seats."""

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN_HOVEDSTADEN, PASSWORD, SECRETARIAT


def test_the_secretariat_reads_the_forecast_and_a_groups_breaks(open_tab, journeys):
    tab = open_tab("forecast")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto("/compliance/", "compliance-with-forecast-link")
    page.locator("main a[href='/compliance/forecast/']").click()
    tab.check("forecast-timeline", screenshot=True)
    expect(page.locator("main svg[role=img]")).to_have_count(1)
    page.locator("details.chart-table summary").first.click()
    expect(page.locator("details.chart-table table").first).to_be_visible()
    page.locator("main a[href='?all=1#timeline']").click()
    tab.check("forecast-timeline-all")
    page.locator("main table.forecast-grid tbody th a").first.click()
    tab.check("group-forecast", screenshot=True)
    expect(page.locator("main h1")).to_contain_text("Prognose")


def test_a_regional_administrator_sees_their_regions_forecast(open_tab, journeys):
    tab = open_tab("forecast-region")
    tab.login(ADMIN_HOVEDSTADEN, PASSWORD)
    page = tab.page
    tab.goto("/", "region-dashboard-forecast-link")
    page.locator("main a[href='/compliance/forecast/']").click()
    tab.check("forecast-region", screenshot=True)
    expect(page.locator("main svg[role=img]")).to_have_count(1)
