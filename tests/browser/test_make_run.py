"""One journey per persona through the portal ``make run`` serves: the README's first
command, on the embedded default (a SQLite file, no Redis, jobs run in the web process,
letters printed to the console, ``DEBUG=1``, so staff sign in without MFA).

Each journey signs in with a demo login, goes through every page of its main menu and
does its persona's main task; every page passes ``Tab.check`` (axe, console, hosts, HTML
kept for the Nu checker). The writes that send letters read them where a newcomer would:
printed in ``make run``'s output, linking to the address it serves, and sent on /outbox/.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    ADMIN_HOVEDSTADEN,
    CHAIR,
    CIRCLE,
    LEADER,
    MEMBER,
    PASSWORD,
    SECRETARIAT,
)
from tests.browser.make_run import text_of


def sign_in(open_make_run_tab, prefix: str, email: str):
    tab = open_make_run_tab(prefix)
    tab.login(email, PASSWORD, check_name="login")
    tab.check("landing")
    return tab


def visit_the_main_menu(tab) -> list[str]:
    """Every page of the signed-in user's main menu, each checked; returns their addresses."""
    links = tab.page.locator("nav.nav a.nav-link")
    paths = [
        path
        for path in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
        if not path.startswith("/admin/")
    ]
    assert paths, "no main menu"
    for path in paths:
        tab.goto(path, "menu" + path.replace("/", "-").rstrip("-"))
    return paths


def assert_sent_on_the_outbox(tab, address: str) -> None:
    tab.goto(f"/outbox/?recipient={address}", "outbox")
    rows = tab.page.locator("main table tbody tr", has_text=address)
    expect(rows.first).to_be_visible()
    expect(rows.locator(".badge-success")).to_have_count(rows.count())


def assert_printed_with_links_here(make_run, address: str, containing: str) -> str:
    """A letter to ``address`` containing ``containing`` was printed to the console, and its
    links to the portal point at the address make run serves; returns its text."""
    texts = [text_of(letter) for letter in make_run.letters_to(address)]
    texts = [text for text in texts if containing in text]
    assert texts, f"no letter to {address} about {containing!r} in make run's output:\n" + (
        make_run.log_tail()
    )
    text = texts[-1]
    links = re.findall(r"https?://[^\s>)\]]+", text)
    assert any(link.startswith(make_run.url + "/") for link in links), links
    elsewhere = [link for link in links if re.match(r"https?://(127\.0\.0\.1|localhost)", link)]
    assert all(link.startswith(make_run.url + "/") for link in elsewhere), elsewhere
    return text


def test_the_readme_s_first_command_serves_the_embedded_default(make_run):
    output = make_run.output()
    assert "+ manage.py seed_demo" in output
    assert "REDIS_URL is not set: jobs run in-process, letters are printed to this console" in (
        output
    )
    assert f"Serving {make_run.url}/ (DEBUG=1)" in output
    assert "Watching for file changes" in output  # runserver, not gunicorn


def test_the_secretariat_goes_through_its_pages_on_make_run(open_make_run_tab, make_run):
    chair = make_run.journeys["chair"]
    tab = sign_in(open_make_run_tab, "make-run-secretariat", SECRETARIAT)
    page = tab.page
    expect(page).to_have_url(make_run.url + "/")

    paths = visit_the_main_menu(tab)
    assert {"/databases/", "/people/", "/outbox/", "/compliance/"} <= set(paths)

    tab.goto("/databases/")
    page.locator("main input[name=q]").fill(chair["database"])
    page.locator("main input[name=q]").press("Enter")
    page.get_by_role("link", name=chair["database"], exact=True).click()
    expect(page).to_have_url(re.compile(f"/databases/{chair['slug']}/$"))
    tab.check("database-detail")
    page.get_by_role("link", name=chair["person"], exact=True).first.click()
    tab.check("membership-detail")
    tab.goto("/meetings/attendance/", "attendance")


def test_a_regional_administrator_appoints_on_make_run_and_the_welcome_letter_is_sent(
    open_make_run_tab, make_run
):
    wanted = make_run.journeys["request"]
    address = wanted["candidate_label"].split("<")[1].rstrip(">")
    tab = sign_in(open_make_run_tab, "make-run-region", ADMIN_HOVEDSTADEN)
    page = tab.page

    visit_the_main_menu(tab)

    tab.goto(f"/regions/hovedstaden/requests/{wanted['id']}/", "request-detail")
    page.locator("a[href^='/regions/hovedstaden/appoint/']").click()
    tab.check("appoint-form")
    # The person is found by typing (htmx lookup) and chosen among the matches.
    with page.expect_request(lambda r: "/regions/hovedstaden/people/lookup/" in r.url):
        page.locator("#id_person").fill(wanted["candidate"])
    candidate = page.get_by_role("radio", name=wanted["candidate_label"], exact=True)
    expect(candidate).to_be_visible()
    candidate.check()
    page.locator("main form button.button-primary").click()
    expect(page).to_have_url(re.compile("/regions/hovedstaden/$"))
    expect(page.locator(".alert-success")).to_contain_text(wanted["candidate"])
    tab.check("appointed")

    assert_printed_with_links_here(make_run, address, containing=wanted["database"])
    assert_sent_on_the_outbox(tab, address)


def test_the_circle_approves_a_nomination_on_make_run_and_the_letters_are_sent(
    open_make_run_tab, make_run
):
    nomination = make_run.journeys["nomination"]
    tab = sign_in(open_make_run_tab, "make-run-circle", CIRCLE)
    page = tab.page

    visit_the_main_menu(tab)

    tab.goto(f"/representatives/nominations/{nomination['id']}/", "nomination")
    page.locator("input[name=decision][value=approve]").check()
    page.locator("#id_reasoning").fill("Kandidaten opfylder kravene.")
    page.locator("main form[action$='/decide/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/representatives/nominations/{nomination['id']}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    tab.check("nomination-approved")

    # The proposing administrator hears of the decision, with a link to the nomination.
    assert_printed_with_links_here(
        make_run,
        ADMIN_HOVEDSTADEN,
        containing=f"{make_run.url}/representatives/nominations/{nomination['id']}/",
    )


def answer_the_next_meeting(tab, meeting_id: int, response: str) -> None:
    page = tab.page
    page.locator(f"main a[href='/meetings/{meeting_id}/']").first.click()
    tab.check("meeting")
    page.locator(f"input[name=response][value={response}]").check()
    page.locator("main form[action$='/answer/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/meetings/{meeting_id}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(f"input[name=response][value={response}]")).to_be_checked()
    tab.check("meeting-answered")


def member_journey(open_make_run_tab, make_run, prefix: str, email: str, response: str):
    tab = sign_in(open_make_run_tab, prefix, email)
    expect(tab.page).to_have_url(make_run.url + "/me/")  # members land on their own page

    answer_the_next_meeting(tab, make_run.journeys["meetings"][email], response)
    visit_the_main_menu(tab)
    return tab


def test_a_members_calendar_feed_links_to_the_address_make_run_serves(open_make_run_tab, make_run):
    tab = open_make_run_tab("make-run-calendar")
    tab.login(CHAIR, PASSWORD, then="/me/calendar/")
    expect(tab.page).to_have_url(make_run.url + "/me/calendar/")
    tab.check("calendar")
    # The address is made on request and shown once: the portal keeps only its hash.
    tab.page.locator("main form button[type=submit]").click()
    expect(tab.page.locator("main [role=status]")).to_be_visible()
    tab.check("calendar-new-address")

    feed = tab.page.locator("main code").first.inner_text()
    assert feed.startswith(make_run.url + "/me/calendar/"), feed
    response = tab.page.request.get(feed)
    assert response.ok
    calendar = response.text().replace("\r\n ", "")  # unfold iCalendar's long lines
    meeting = make_run.journeys["meetings"][CHAIR]
    assert f"URL:{make_run.url}/meetings/{meeting}/" in calendar


def test_a_chair_answers_a_meeting_on_make_run(open_make_run_tab, make_run):
    member_journey(open_make_run_tab, make_run, "make-run-chair", CHAIR, "yes")


def test_a_leadership_representative_answers_a_meeting_on_make_run(open_make_run_tab, make_run):
    tab = member_journey(open_make_run_tab, make_run, "make-run-leader", LEADER, "maybe")
    tab.goto("/me/declaration/", "declaration")


def test_a_member_answers_a_meeting_on_make_run(open_make_run_tab, make_run):
    tab = member_journey(open_make_run_tab, make_run, "make-run-member", MEMBER, "no")
    tab.goto("/me/details/", "details")
