"""The composition page's charts and the regions × groups grid, in Chromium."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, SECRETARIAT


def test_the_secretariat_reads_the_charts_and_the_grid(open_tab, journeys):
    tab = open_tab("charts")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto("/compliance/", "compliance-charts", screenshot=True)
    expect(page.locator("main svg[role=img]")).to_have_count(3)
    # The tables beside the charts fold out.
    page.locator("details.chart-table summary").first.click()
    expect(page.locator("details.chart-table table").first).to_be_visible()
    page.locator("main a[href='/compliance/representation/']").click()
    tab.check("representation-grid", screenshot=True)
    page.locator("main a[href='?missing=1']").click()
    tab.check("representation-missing")
    expect(page.locator("main table tbody tr").first).to_be_visible()
