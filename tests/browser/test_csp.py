"""Issue 5: in Chromium, the public pages, the message form and the admin article editor
(CKEditor) raise no Content-Security-Policy violations."""

import re

import pytest
from playwright.sync_api import expect

from .pages import login, visit_every_public_page

pytestmark = pytest.mark.browser

# Runs in every document before its own scripts, frames included.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
        ` at ${event.sourceFile || document.URL}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched_page(page):
    """A page that records CSP violations from the console and from the DOM event."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


def violations(page):
    in_frames = [v for frame in page.frames for v in frame.evaluate("window.__cspViolations")]
    return in_frames + page.csp_console


def csp_header(response):
    return response.headers.get("content-security-policy", "")


def test_public_pages_send_a_csp_and_break_none_of_it(watched_page, demo_content, settings):
    settings.MESSAGE_MIN_SECONDS = 0
    page = watched_page
    found, without_header = {}, []
    for name, response in visit_every_public_page(page):
        if "script-src" not in csp_header(response):
            without_header.append(name)
        page.wait_for_load_state("load")
        if problems := violations(page):
            found[name] = problems
            page.csp_console.clear()
    assert not without_header, f"no Content-Security-Policy header on: {without_header}"
    assert not found, f"CSP violations: {found}"


def test_article_editor_works_under_its_csp(watched_page, site, make_editor, category):
    page = watched_page
    make_editor(username="writer")
    login(page, "writer", "pw")
    response = page.goto("/admin/articles/article/add/")
    assert "script-src" in csp_header(response), "no Content-Security-Policy header"
    expect(page.locator("a.cke_button__bold")).to_be_visible()  # CKEditor is ready

    # Type, format, and open the dialogs that editors use: each is inline-styled markup.
    editable = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editable.click()
    page.keyboard.type("Policy check. ")
    page.locator("a.cke_button__bold").click()
    page.keyboard.type("Bold.")
    for button in ("image", "link", "table"):
        page.locator(f"a.cke_button__{button}").click()
        dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_title")).last
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_be_hidden()
    page.locator("a.cke_button__source").click()
    expect(page.locator("textarea.cke_source")).to_have_value(re.compile("<strong>Bold.</strong>"))

    assert not violations(page), f"CSP violations in the editor: {violations(page)}"
