"""The charts in Chromium: the composition page's, the dashboard's and the yearly
attendance page's, and the regions × groups grid."""

from playwright.sync_api import expect

from tests.browser.checks import SCREEN
from tests.browser.conftest import ADMIN_HOVEDSTADEN, PASSWORD, SECRETARIAT


def _height(page) -> int:
    """The page's height at 1366 × 768, for the record (``check`` holds it to the budget)."""
    shown = page.viewport_size
    page.set_viewport_size(SCREEN)
    try:
        return page.evaluate("document.documentElement.scrollHeight")
    finally:
        page.set_viewport_size(shown)


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


def test_the_dashboard_draws_the_rules_and_regions_beside_their_tables(open_tab, journeys):
    tab = open_tab("dashboard-charts")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto("/", "dashboard", screenshot=True)
    print(f"dashboard (secretariat): {_height(page)} px at 1366 × 768")
    charts = page.locator("main .chart-pair svg[role=img]")
    expect(charts).to_have_count(2)
    # Each chart sits beside the table with its figures, and is named and described.
    for key in ("by-region", "by-rule"):
        expect(page.locator(f"#chart-{key}-summary")).not_to_be_empty()
        expect(page.locator(f"svg[aria-labelledby='chart-{key}-title']")).to_be_visible()
    expect(page.locator("main .chart-pair table")).to_have_count(2)
    page.locator("main a[href='/compliance/']").first.click()
    tab.check("compliance-from-dashboard")


def test_attendance_by_year_for_the_secretariat_and_a_region(open_tab, journeys):
    tab = open_tab("attendance-year")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto("/meetings/plan/")
    page.locator("main a[href='/meetings/attendance/year/']").click()
    tab.check("attendance-year", screenshot=True)
    print(f"attendance by year (secretariat): {_height(page)} px at 1366 × 768")
    expect(page.locator("main svg[role=img]")).to_have_count(1)
    page.locator("details.chart-table summary").first.click()
    expect(page.locator("details.chart-table table").first).to_be_visible()
    # The groups: the lowest five drawn, then the table, by a link that keeps the year.
    page.locator("main a[href$='view=groups']").click()
    tab.check("attendance-year-groups", screenshot=True)
    print(f"attendance by year, groups (secretariat): {_height(page)} px at 1366 × 768")
    expect(page.locator("#chart-lowest-title")).to_be_visible()
    expect(page.locator("table[aria-labelledby='groups-heading'] tbody tr").first).to_be_visible()
    # Another year, with the keyboard: the year's select, then the button.
    year = page.locator("#id_year option").nth(1).get_attribute("value")
    page.locator("#id_year").select_option(year)
    page.locator("#id_year").focus()
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab.check("attendance-year-earlier")
    expect(page.locator("main h1")).to_contain_text(year)
    tab.goto("/meetings/attendance/year/?order=lowest", "attendance-year-lowest")
    tab.goto("/meetings/attendance/year/?year=1999", "attendance-year-bad")
    expect(page.locator("main .alert-error")).to_be_visible()

    admin = open_tab("attendance-year-region")
    admin.login(ADMIN_HOVEDSTADEN, PASSWORD)
    admin.goto("/meetings/attendance/year/", "attendance-year-hovedstaden", screenshot=True)
    expect(admin.page.locator("#chart-regions-title + p + svg g")).to_have_count(1)
