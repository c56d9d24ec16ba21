"""One journey for each role, in Chromium against the live portal, checking every page.

Every page a journey shows passes ``Tab.check`` (axe WCAG 2.1 AA, console, hosts, HTML
kept for the Nu checker). Selectors lean on addresses, field names and the seeded data
rather than on wording, so the journeys hold in either language. Each journey has its
own steering group (``prepare_journeys.py``), so they do not depend on their order.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN_HOVEDSTADEN, CIRCLE, MEMBER, PASSWORD, SECRETARIAT
from tests.browser.test_keyboard import _tab_to


def _main_menu_link(tab, path: str):
    return tab.page.locator(f"nav.nav a.nav-link[href='{path}']")


def _chair_rule_count(tab) -> int:
    """The dashboard's number of groups without a chair (the rule table's second row)."""
    row = tab.page.locator("#rules-heading + .chart-pair table").locator("tbody tr").nth(1)
    return int(row.locator("td").inner_text())


def test_the_secretariat_ends_a_chairs_seat_and_sees_the_finding(open_tab, journeys):
    chair = journeys["chair"]
    tab = open_tab("secretariat")
    tab.login(SECRETARIAT, PASSWORD, check_name="login")
    page = tab.page
    tab.check("dashboard", screenshot=True)
    chairless_before = _chair_rule_count(tab)

    _main_menu_link(tab, "/databases/").click()
    tab.check("database-list", screenshot=True)
    page.locator("main input[name=q]").fill(chair["database"])
    with page.expect_request(lambda r: "/databases/?" in r.url) as search:
        page.locator("main input[name=q]").press("Enter")
    # htmx (data-hx-* attributes, valid HTML) fetched the results, not a full page load.
    assert search.value.headers.get("hx-request") == "true"
    expect(page.get_by_role("link", name=chair["database"], exact=True)).to_be_visible()
    page.get_by_role("link", name=chair["database"], exact=True).click()
    expect(page).to_have_url(re.compile(f"/databases/{chair['slug']}/$"))
    tab.check("database-detail", screenshot=True)
    breadcrumbs = page.locator("nav.breadcrumbs")
    expect(breadcrumbs.locator("a[href='/databases/']")).to_have_count(1)
    expect(breadcrumbs.locator("[aria-current=page]")).to_have_text(chair["database"])

    page.get_by_role("link", name=chair["person"], exact=True).first.click()
    tab.check("membership-detail")
    page.locator(f"a[href='/memberships/{chair['membership_id']}/end/']").click()
    tab.check("membership-end")
    expect(page.locator("nav.breadcrumbs a.breadcrumbs__link")).to_have_count(4)

    # Without a reason the form says what is missing, in the DKFDS error summary.
    page.locator("main form button[type=submit]").click()
    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_reason']")).to_have_count(1)
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    tab.check("membership-end-errors", screenshot=True)

    page.locator("#id_reason").fill("Formanden er fratrådt.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/memberships/{chair['membership_id']}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    tab.check("membership-ended")

    _main_menu_link(tab, "/compliance/").click()
    tab.check("compliance", screenshot=True)
    # The page counts the groups failing each rule; a rule's link lists them.
    page.locator("main a[href='?rule=chair#rule-chair']").click()
    expect(page).to_have_url(re.compile(r"/compliance/\?rule=chair#rule-chair$"))
    tab.check("compliance-rule")
    findings = page.locator("#rule-chair + ul")
    expect(findings.get_by_role("link", name=chair["database"], exact=True)).to_be_visible()

    # The outbox links to the people whose address a receiving server refused.
    _main_menu_link(tab, "/outbox/").click()
    tab.check("message-list")
    page.locator("main a[href='/outbox/bounced/']").click()
    expect(page).to_have_url(re.compile(r"/outbox/bounced/$"))
    tab.check("message-bounces", screenshot=True)
    bounced = page.get_by_role("link", name=journeys["bounce"]["person"], exact=True)
    expect(bounced.first).to_be_visible()

    _main_menu_link(tab, "/").click()
    tab.check("dashboard-after")
    assert _chair_rule_count(tab) == chairless_before + 1


def test_the_secretariat_reaches_a_region_and_reminds_those_missing_a_declaration(
    open_tab, journeys
):
    tab = open_tab("secretariat-work")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    # Every region's workspace is one click from the dashboard.
    expect(
        page.locator("table[aria-labelledby='regions-heading'] a[href^='/regions/']")
    ).to_have_count(5)
    page.locator("table[aria-labelledby='regions-heading'] a[href='/regions/syddanmark/']").click()
    expect(page).to_have_url(re.compile("/regions/syddanmark/$"))
    tab.check("region", screenshot=True)

    _main_menu_link(tab, "/declarations/").click()
    tab.check("declarations", screenshot=True)
    page.locator("select[name=status]").select_option("missing")
    page.locator("select[name=region]").select_option(label="Region Nordjylland")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/declarations/\?.*status=missing"))
    tab.check("declarations-missing")
    page.locator("main a[href^='/declarations/remind/']").click()
    tab.check("declarations-remind", screenshot=True)
    page.locator("main form[method=post] button[type=submit]").click()
    # A job sends them (in-process here): its page shows the outcome and the way back.
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-progress")).to_contain_text("sat i kø til afsendelse")
    tab.check("declarations-reminded")
    page.locator("#job-progress a[href^='/declarations/']").click()
    expect(page).to_have_url(re.compile(r"/declarations/\?.*status=missing"))


def test_a_regional_administrator_answers_a_request_by_appointing(open_tab, journeys):
    wanted = journeys["request"]
    tab = open_tab("region")
    tab.login(ADMIN_HOVEDSTADEN, PASSWORD)
    page = tab.page
    tab.check("dashboard", screenshot=True)

    _main_menu_link(tab, "/regions/hovedstaden/").click()
    tab.check("region", screenshot=True)
    page.locator(f"a[href='/regions/hovedstaden/requests/{wanted['id']}/']").first.click()
    tab.check("request-detail", screenshot=True)

    page.locator("a[href^='/regions/hovedstaden/appoint/']").click()
    tab.check("appoint-form", screenshot=True)
    # The group asked for is chosen already; the person is found by typing (htmx lookup).
    expect(page.get_by_role("radio", name=wanted["database"], exact=True)).to_be_checked()
    with page.expect_request(lambda r: "/regions/hovedstaden/people/lookup/" in r.url):
        page.locator("#id_person").fill(wanted["candidate"])
    candidate = page.get_by_role("radio", name=wanted["candidate_label"], exact=True)
    expect(candidate).to_be_visible()
    tab.check("appoint-form-matches", screenshot=True)
    candidate.check()
    page.locator("main form button.button-primary").click()
    expect(page).to_have_url(re.compile("/regions/hovedstaden/$"))
    expect(page.locator(".alert-success")).to_contain_text(wanted["candidate"])
    tab.check("appointed")

    tab.goto(f"/regions/hovedstaden/requests/{wanted['id']}/", "request-answered")
    expect(page.locator("main")).to_contain_text(wanted["candidate"])
    expect(page.locator("a[href^='/regions/hovedstaden/appoint/']")).to_have_count(0)

    # The workspace counts the chairs without a buy-out agreement; their list proposes one.
    _main_menu_link(tab, "/regions/hovedstaden/").click()
    page.locator("main a[href='/regions/hovedstaden/buyouts/chairs/']").click()
    tab.check("buyout-chairs", screenshot=True)
    propose = "main table a[href^='/regions/hovedstaden/buyouts/new/?membership=']"
    page.locator(propose).first.click()
    expect(page).to_have_url(re.compile(r"/regions/hovedstaden/buyouts/new/\?membership=\d+$"))
    tab.check("buyout-proposal-for-a-chair")


def test_a_circle_member_approves_a_leadership_nomination(open_tab, journeys):
    nomination = journeys["nomination"]
    tab = open_tab("circle")
    tab.login(CIRCLE, PASSWORD)
    page = tab.page
    tab.check("dashboard", screenshot=True)

    _main_menu_link(tab, "/representatives/").click()
    tab.check("representatives", screenshot=True)
    page.locator(f"a[href='/representatives/nominations/{nomination['id']}/']").first.click()
    tab.check("nomination", screenshot=True)
    expect(page.locator("nav.breadcrumbs a[href='/representatives/']")).to_have_count(1)
    expect(page.locator("main .badge")).to_have_count(1)  # the status, as a DKFDS tag

    page.locator("input[name=decision][value=approve]").check()
    page.locator("#id_reasoning").fill("Kandidaten opfylder kravene.")
    page.locator("main form[action$='/decide/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/representatives/nominations/{nomination['id']}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("input[name=decision]")).to_have_count(0)
    tab.check("nomination-approved")


def test_a_member_answers_an_invitation_and_finds_their_obligations(open_tab, journeys):
    meeting_id = journeys["meetings"][MEMBER]
    tab = open_tab("member")
    tab.login(MEMBER, PASSWORD)
    page = tab.page
    expect(page).to_have_url(re.compile("/me/$"))  # members land on their own page
    tab.check("me", screenshot=True)
    expect(page.locator("#obligations")).to_be_visible()

    page.locator(f"#meetings ~ ul a[href='/meetings/{meeting_id}/']").first.click()
    tab.check("meeting", screenshot=True)
    page.locator("input[name=response][value=yes]").check()
    page.locator("main form[action$='/answer/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/meetings/{meeting_id}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("input[name=response][value=yes]")).to_be_checked()
    tab.check("meeting-answered")

    _main_menu_link(tab, "/me/").click()
    tab.check("me-after")
    expect(page.locator("#obligations")).to_be_visible()
    # The texts are folded under their titles (issue 18: the page within three screens).
    expect(page.locator("#obligations ~ details summary").first).to_be_visible()


def test_succession_a_member_will_continue_and_the_region_reappoints_them(open_tab, journeys):
    wanted = journeys["succession"]
    tab = open_tab("succession-member")
    page = tab.page
    # The letter's link, signed out: the page only asks; its button records the answer.
    tab.goto("/" + wanted["path"], "willingness", screenshot=True)
    page.locator("input[name=willing][value=yes]").check()
    page.locator("textarea[name=comment]").fill("Gerne en periode mere.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tab.check("willingness-answered")

    tab = open_tab("succession-region")
    tab.login(ADMIN_HOVEDSTADEN, PASSWORD)
    page = tab.page
    page.locator("main a[href='/succession/']").click()
    tab.check("succession-list", screenshot=True)
    expect(page.locator("main")).to_contain_text("Gerne en periode mere.")
    tab.goto(f"/regions/hovedstaden/requests/{wanted['request_id']}/", "succession-request")
    page.locator(f"main form[action='/succession/{wanted['id']}/reappoint/'] button").click()
    expect(page).to_have_url(re.compile(f"/requests/{wanted['request_id']}/$"))
    expect(page.locator(".alert-success")).to_contain_text(wanted["person"])
    # Decided ahead of the term's end: the member stays in office until the new term.
    expect(page.locator("main")).to_contain_text("Genudpeget fra")
    tab.check("succession-reappointed")
    tab.goto("/succession/?show=closed", "succession-closed")
    expect(page.locator("main")).to_contain_text(wanted["person"])


def test_the_region_reappoints_a_member_ahead_on_the_seat_page_and_undoes_it(open_tab, journeys):
    seat = journeys["renewal"]
    page_url = f"/memberships/{seat['membership_id']}/"
    reappoint = f"main a[href='{page_url}reappoint/']"
    tab = open_tab("renewal-secretariat")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page
    tab.goto(page_url, "renewal-seat")
    page.locator(reappoint).click()
    tab.check("renewal-form")
    page.locator("main form button[type=submit]").click()

    # Decided ahead: back on the seat's page, the member in office until the new term.
    expect(page).to_have_url(re.compile(f"{page_url}$"))
    expect(page.locator(".alert-success")).to_contain_text(seat["person"])
    expect(page.locator("main")).to_contain_text("Næste udpegningsperiode")
    expect(page.locator(reappoint)).to_have_count(0)
    tab.check("renewal-decided", screenshot=True)

    page.locator("main form[action$='/cancel/'] button").click()
    expect(page).to_have_url(re.compile(f"{page_url}$"))
    expect(page.locator(".alert-success")).to_contain_text(seat["person"])
    expect(page.locator(reappoint)).to_have_count(1)
    tab.check("renewal-undone")


def test_the_secretariat_reads_the_record_of_sign_ins(open_tab):
    tab = open_tab("secretariat-sign-ins")
    tab.login(SECRETARIAT, PASSWORD, check_name="login-sign-ins")
    page = tab.page

    _main_menu_link(tab, "/sign-ins/").click()
    expect(page).to_have_url(re.compile(r"/sign-ins/$"))
    tab.check("sign-in-list", screenshot=True)
    # The sign-in just made is on top, with the login's address.
    expect(page.locator("main table tbody tr").first).to_contain_text(SECRETARIAT)

    page.locator("select[name=kind]").select_option("sign_in")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/sign-ins/\?.*kind=sign_in"))
    tab.check("sign-in-list-filtered")
    expect(page.locator("main table tbody tr").first).to_contain_text(SECRETARIAT)


def test_the_secretariat_finds_the_regions_the_agreements_and_a_groups_settings(open_tab, journeys):
    """No dead ends (#18): the regions from the menu, the agreements from the buy-out
    report, a group's settings from its page, the privacy page without /me/details/."""
    chair = journeys["chair"]
    tab = open_tab("secretariat-regions")
    tab.login(SECRETARIAT, PASSWORD)
    page = tab.page

    _main_menu_link(tab, "/regions/").click()
    expect(page).to_have_url(re.compile("/regions/$"))
    tab.check("region-list", screenshot=True)
    # A region's workspace with the keyboard alone.
    _tab_to(page, lambda focused: focused["href"] == "/regions/sjaelland/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/regions/sjaelland/$"))
    tab.check("region-from-list")

    tab.goto("/regions/buyout-report/", "buyout-report-all", screenshot=True)
    agreement = page.locator("main table a[href$='/edit/']").first
    href = agreement.get_attribute("href")
    agreement.click()
    expect(page).to_have_url(re.compile(f"{re.escape(href)}$"))
    tab.check("buyout-agreement-from-report")

    tab.goto(f"/databases/{chair['slug']}/", "group-settings-shown")
    page.locator(f"main a[href='/databases/{chair['slug']}/group/']").click()
    tab.check("group-settings-form", screenshot=True)
    page.locator("#id_reminder_lead_days").fill("7, 7")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.locator("#id_reminder_lead_days")).to_have_attribute("aria-invalid", "true")
    tab.check("group-settings-errors", screenshot=True)
    page.locator("#id_reminder_lead_days").fill("2, 21")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/databases/{chair['slug']}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("dl.group-settings")).to_contain_text("21, 2")
    tab.check("group-settings-saved")

    tab.goto("/privatliv/", "privacy-as-staff")
    expect(page.locator("main a[href='/me/details/']")).to_have_count(0)
