"""WCAG checks with axe-core on every public page, and the keyboard and screen-reader details
that axe cannot judge on its own."""

import pytest
from playwright.sync_api import expect

from .pages import AXE_JS, public_paths, publish_board_messages, visit_every_public_page

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
}"""


LANDMARKS = """() => ({
    banner: document.querySelectorAll("body > header, [role=banner]").length,
    main: document.querySelectorAll("main, [role=main]").length,
    contentinfo: document.querySelectorAll("body > footer, [role=contentinfo]").length,
    "main navigation": document.querySelectorAll("header nav.site-nav[aria-label]").length,
    "site search": document.querySelectorAll("header form[role=search]").length,
    h1: document.querySelectorAll("h1").length,
})"""


def landmark_problems(page):
    """Each landmark once (a search form at least once), and one h1."""
    counts = page.evaluate(LANDMARKS)
    return {name: count for name, count in counts.items() if count != 1}


def axe_violations(page):
    """axe-core's serious and critical violations on the page as it is now."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: `make test` installs it with `npm ci`.")
    page.add_script_tag(path=AXE_JS)
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_serious_violations_and_landmarks_are_there(
    new_context, demo_content, settings, width
):
    settings.MESSAGE_MIN_SECONDS = 0
    settings.MESSAGE_BOARD = True  # the board's pages too, and the form's board fields
    publish_board_messages()
    # The CSP forbids injected scripts, axe included; the CSP has its own test.
    page = new_context(width=width, bypass_csp=True).new_page()
    found, landmarks = {}, {}
    for name, _response in visit_every_public_page(page):
        if violations := axe_violations(page):
            found[name] = violations
        if problems := landmark_problems(page):
            landmarks[name] = problems
    assert not found, f"axe-core violations at {width} px: {found}"
    assert not landmarks, f"landmarks or h1 missing or repeated: {landmarks}"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_content):
    page.goto(public_paths()["article"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes on from the main content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focused_links_and_buttons_show_a_focus_ring(page, demo_content):
    page.goto(public_paths()["article"])
    ring = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    for locator in (
        page.get_by_role("navigation", name="Main").get_by_role("link").first,
        page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").first,
        page.get_by_role("group", name="Font size").get_by_role("button").first,
        page.get_by_role("contentinfo").get_by_role("link").first,
    ):
        assert locator.evaluate(ring)[0] == "none"
        locator.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        expect(locator).to_be_focused()
        style, width = locator.evaluate(ring)
        assert style != "none" and float(width.removesuffix("px")) >= 2


def test_font_size_control_is_a_labelled_group_of_toggle_buttons(page, demo_content):
    page.goto(public_paths()["article"])
    group = page.get_by_role("group", name="Font size")
    expect(group).to_be_visible()
    buttons = group.get_by_role("button")
    expect(buttons).to_have_text(["Small", "Medium", "Large"])
    expect(group.get_by_role("button", pressed=True)).to_have_text("Medium")
    group.get_by_role("button", name="Small").click()
    expect(group.get_by_role("button", pressed=True)).to_have_text("Small")
    expect(group.get_by_role("button", pressed=False)).to_have_count(2)
