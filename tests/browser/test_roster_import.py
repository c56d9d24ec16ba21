"""The secretariat imports a roster as it keeps it: upload, correct how a value is read
(with the keyboard), preview, import, each page checked (axe, console, hosts, HTML kept
for the Nu checker). Jobs run in-process after commit here (no REDIS_URL), so each job
page is already finished when it is shown; tests/reliability/test_roster_job.py follows
a job that runs in a worker."""

import re

from playwright.sync_api import expect

from steering.demo.catalogue import DATABASES
from tests.browser.conftest import PASSWORD, SECRETARIAT
from tests.browser.test_keyboard import _tab_to

DATABASE = DATABASES[0]
ROSTER = (
    "Navn;E-mail;Arbejdssted;Database;Rolle;Region;Periode start\n"
    f"Rejse Importsen;rejse.importsen@journey.example;Afdeling for Rejser, Rigshospitalet;"
    f"{DATABASE.name.upper()};tovholder;Region Hovedstaden;01-01-2026\n"
)


def test_the_secretariat_imports_a_roster_as_it_is_kept(open_tab):
    tab = open_tab("roster-import")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto("/roster-import/", "upload", screenshot=True)
    page.locator("input[name=file]").set_input_files(
        {"name": "styregruppe.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/roster-import/mapping/$"))
    tab.check("mapping", screenshot=True)
    expect(page.locator("select[name=column_0]")).to_have_value("full_name")
    # "tovholder" is no role the portal knows: read it as chair, with the keyboard alone.
    role = page.locator("select[name=value_role_0]")
    expect(role).to_have_value("")
    page.locator("select[name=column_6]").focus()
    _tab_to(page, lambda f: f["name"] == "value_role_0")
    page.keyboard.press("ArrowDown")
    expect(role).to_have_value("chair")
    _tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    tab.check("preview-job")

    page.locator("#job-progress a.button-primary").click()
    expect(page).to_have_url(re.compile(r"/roster-import/\d+/$"))
    tab.check("preview", screenshot=True)
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table tbody")).to_contain_text("Rigshospitalet")

    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.check("import-job")
    page.locator("#job-progress a.button-primary").click()
    expect(page).to_have_url(re.compile(r"/roster-import/result/\d+/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    tab.check("result", screenshot=True)
