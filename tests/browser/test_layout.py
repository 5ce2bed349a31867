"""Every public page fits from a small phone to a wide desktop, and the article prints cleanly."""

import pytest
from playwright.sync_api import expect

from .pages import public_paths, visit_every_public_page

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("width", [360, 1440])
def test_no_page_scrolls_sideways(new_context, demo_content, settings, width):
    settings.MESSAGE_MIN_SECONDS = 0
    page = new_context(width=width, height=800).new_page()
    too_wide = {}
    for name, _response in visit_every_public_page(page):
        box = page.evaluate(OVERFLOW)
        if box["scrollWidth"] > box["innerWidth"]:
            too_wide[name] = box
    assert not too_wide, f"pages wider than {width} px: {too_wide}"


def test_printed_article_has_no_navigation(page, demo_content):
    page.goto(public_paths()["article with a table"])
    page.emulate_media(media="print")
    for hidden in ("Main", "Breadcrumb", "More news", "Footer"):
        expect(page.get_by_role("navigation", name=hidden)).to_be_hidden()
    expect(page.get_by_role("search", name="Site search")).to_be_hidden()
    expect(page.get_by_role("group", name="Font size")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("[data-article-body] table")).to_be_visible()

    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
