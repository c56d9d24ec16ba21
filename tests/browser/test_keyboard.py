"""A journey done with the keyboard alone: sign in and answer a meeting invitation.

Only Tab, Shift+Tab, Enter, Space and typing; no clicks. It starts with the skip link,
and every element that takes focus must show it (an outline or a box shadow while it
matches :focus-visible).
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import CHAIR, PASSWORD

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        name: el.getAttribute("name"),
        type: el.getAttribute("type"),
        value: el.getAttribute("value"),
        href: el.getAttribute("href"),
        classes: el.className && el.className.baseVal === undefined ? el.className : "",
        text: (el.innerText || el.value || "").trim().slice(0, 60),
        focusVisible: el.matches(":focus-visible"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0,
    };
}"""
MAX_TABS = 80


def _focused(page) -> dict:
    focused = page.evaluate(FOCUSED)
    assert focused is not None, "nothing has focus"
    return focused


def _assert_focus_is_visible(focused: dict) -> None:
    assert focused["focusVisible"], f"{focused} does not match :focus-visible"
    assert focused["outline"] or focused["shadow"], f"no visible focus indicator on {focused}"
    assert focused["onScreen"], f"the focused element is not shown: {focused}"


def _tab_to(page, wanted, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until ``wanted(focused)``; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        focused = _focused(page)
        _assert_focus_is_visible(focused)
        if wanted(focused):
            return focused
    raise AssertionError(f"{MAX_TABS} presses of {key} did not reach the element")


def test_a_chair_signs_in_and_answers_an_invitation_with_the_keyboard(open_tab, journeys):
    meeting_id = journeys["meetings"][CHAIR]
    tab = open_tab("keyboard")
    page = tab.page
    tab.goto("/accounts/login/")

    # The first Tab reaches the skip link, which shows itself; Enter moves to the content.
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert "skipnav" in skip["classes"] and skip["href"] == "#main-content", skip
    _assert_focus_is_visible(skip)
    tab.check("login-skip-link", screenshot=True)
    page.keyboard.press("Enter")
    login = _tab_to(page, lambda f: f["name"] == "login")
    assert login["tag"] == "input", login
    page.keyboard.type(CHAIR)
    _tab_to(page, lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    # Back to the e-mail field and forward again: Shift+Tab works as well.
    _tab_to(page, lambda f: f["name"] == "login", backwards=True)
    _tab_to(page, lambda f: f["name"] == "password")
    _tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/me/$"))
    tab.check("me")

    # From the skip link into the content, then on to the next meeting.
    page.keyboard.press("Tab")
    assert "skipnav" in _focused(page)["classes"]
    page.keyboard.press("Enter")
    _tab_to(page, lambda f: f["href"] == f"/meetings/{meeting_id}/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab.check("meeting")

    # The answer is a group of radio buttons: Tab reaches it, Space chooses.
    radio = _tab_to(page, lambda f: f["name"] == "response")
    assert radio["type"] == "radio", radio
    while _focused(page)["value"] != "maybe":
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.locator("input[name=response][value=maybe]")).to_be_checked()
    _tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("input[name=response][value=maybe]")).to_be_checked()
    tab.check("meeting-answered", screenshot=True)
