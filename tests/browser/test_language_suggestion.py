"""A browser that prefers another language than the page's is offered the page in it once,
in a note it can dismiss; it is never redirected (static/js/language-suggestion.js)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def translated(make_article):
    english = make_article(title="Hydrogen plant opens", language="en")
    chinese = make_article(
        title="氢能工厂投产", language="zh-hans", translation_key=english.translation_key
    )
    return english, chinese


def test_a_chinese_browser_is_offered_the_translation_until_it_dismisses_it(
    new_context, translated
):
    english, chinese = translated
    page = new_context(locale="zh-CN").new_page()
    response = page.goto(english.get_absolute_url())
    assert response.url.endswith(english.get_absolute_url())  # no redirect
    expect(page.locator("html")).to_have_attribute("lang", "en")
    note = page.locator(".language-suggestion")
    expect(note.get_by_role("link")).to_contain_text("简体中文")
    expect(note.get_by_role("link")).to_have_attribute("href", chinese.get_absolute_url())

    note.get_by_role("button").click()
    expect(note).to_have_count(0)
    page.reload()
    page.wait_for_load_state("load")
    expect(page.locator(".language-suggestion")).to_have_count(0)


def test_a_browser_in_the_page_language_sees_no_note(page, translated):
    english, chinese = translated
    page.goto(english.get_absolute_url())
    page.wait_for_load_state("load")
    expect(page.locator(".language-suggestion")).to_have_count(0)
    page.goto(chinese.get_absolute_url())  # an English browser on a Chinese page is offered
    link = page.locator(".language-suggestion").get_by_role("link")
    expect(link).to_have_attribute("href", english.get_absolute_url())
