"""With JavaScript off the portal still works: sign in, filter a list, answer a meeting.

htmx and DKFDS only enhance; every form is a plain GET or POST that the server answers
with a whole page, error summary included.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN_HOVEDSTADEN, LEADER


def test_a_member_without_javascript_filters_and_answers_a_meeting(login, journeys):
    meeting_id = journeys["meetings"][LEADER]
    tab = login("no-js", LEADER, javascript=False)
    page = tab.page
    expect(page).to_have_url(re.compile("/me/$"))
    tab.check("me")

    tab.goto("/databases/", "database-list")
    page.locator("main input[name=q]").fill("Brystcancer")
    with page.expect_navigation():
        page.locator("form.filter-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/databases/\?(.*&)?q=Brystcancer"))
    expect(page.get_by_role("link", name="Dansk Brystcancer Database")).to_be_visible()
    tab.check("database-list-filtered")

    tab.goto(f"/meetings/{meeting_id}/", "meeting")
    answer_form = page.locator("main form[action$='/answer/']")
    with page.expect_navigation():
        answer_form.locator("button[type=submit]").click()
    # No choice: the server answers with the DKFDS error summary, linked to the field.
    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_response_0']")).to_have_count(1)
    tab.check("meeting-errors", screenshot=True)

    page.locator("input[name=response][value=no]").check()
    with page.expect_navigation():
        page.locator("main form[action$='/answer/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/meetings/{meeting_id}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("input[name=response][value=no]")).to_be_checked()
    tab.check("meeting-answered")


def test_an_administrator_without_javascript_searches_for_a_person_to_appoint(login, journeys):
    wanted = journeys["request"]
    tab = login("no-js-region", ADMIN_HOVEDSTADEN, javascript=False)
    page = tab.page
    tab.goto("/regions/hovedstaden/appoint/", "appoint")
    page.locator("#id_person").fill(wanted["candidate"])
    # The search button sends the form; it comes back unsent, with the matches to choose.
    with page.expect_navigation():
        page.locator("button[name=lookup][value=person]").click()
    expect(page.locator("[data-module=error-summary]")).to_have_count(0)
    expect(page.locator("#id_person")).to_have_value(wanted["candidate"])
    candidate = page.get_by_role("radio", name=wanted["candidate_label"], exact=True)
    candidate.check()
    tab.check("appoint-matches")
    # Sent without a steering group, the form keeps the chosen person beside the error.
    with page.expect_navigation():
        page.locator("main form button.button-primary").click()
    expect(page.locator("[data-module=error-summary] a[href='#id_group']")).to_have_count(1)
    expect(page.get_by_role("radio", name=wanted["candidate_label"], exact=True)).to_be_checked()
    tab.check("appoint-errors")
