"""A visitor finds the news from the home page and reads it at the size they choose."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Category

pytestmark = pytest.mark.browser

BODY_FONT_SIZE = "getComputedStyle(document.querySelector('[data-article-body] p')).fontSize"


def body_font_px(page):
    return float(page.evaluate(BODY_FONT_SIZE).removesuffix("px"))


def test_home_to_news_center_to_category_to_article(page, demo_content):
    industry = Category.objects.get(slug="industry-news")
    # The English pages list the English articles only (the demo has Chinese ones too).
    newest_industry = Article.objects.published().in_language("en").filter(category=industry)
    newest_industry = newest_industry.first()

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News Center").click()
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("News Center")

    tab = page.get_by_role("navigation", name="News categories").get_by_role(
        "link", name=industry.name
    )
    tab.click()
    expect(page).to_have_url(re.compile(re.escape(industry.get_absolute_url()) + "$"))
    expect(tab).to_have_attribute("aria-current", "page")
    cards = page.locator(".news-list .card")
    expect(cards.first).to_contain_text(newest_industry.title)
    expect(cards.filter(has_text="Company News")).to_have_count(0)

    page.get_by_role("link", name=newest_industry.title).click()
    expect(page).to_have_url(re.compile(re.escape(newest_industry.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(newest_industry.title)
    expect(page.locator(".article__meta time")).to_have_text(
        timezone.localtime(newest_industry.publish_at).strftime("%Y.%m.%d")
    )
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("link", name=industry.name)).to_be_visible()
    # The cover image loaded: a broken image has no natural width.
    cover = page.locator(".article__cover img")
    expect(cover).to_be_visible()
    assert page.evaluate("document.querySelector('.article__cover img').naturalWidth") > 0


def test_font_size_control_changes_the_body_text_and_is_remembered(page, make_article):
    now = timezone.now()
    older = make_article(title="Older article", publish_at=now - timedelta(days=2))
    newer = make_article(title="Newer article", publish_at=now - timedelta(days=1))
    page.goto(older.get_absolute_url())
    control = page.get_by_role("group", name="Font size")
    medium = body_font_px(page)

    control.get_by_role("button", name="Large").click()
    assert body_font_px(page) > medium
    expect(control.get_by_role("button", name="Large")).to_have_attribute("aria-pressed", "true")
    expect(control.get_by_role("button", name="Medium")).to_have_attribute("aria-pressed", "false")
    large = body_font_px(page)

    page.get_by_role("link", name="Next Newer article").click()  # the pager, not Related news
    expect(page.get_by_role("heading", level=1)).to_have_text(newer.title)
    assert body_font_px(page) == large
    expect(control.get_by_role("button", name="Large")).to_have_attribute("aria-pressed", "true")

    control.get_by_role("button", name="Small").click()
    assert body_font_px(page) < medium


def test_font_size_control_works_from_the_keyboard(page, make_article):
    article = make_article(title="Keyboard article")
    page.goto(article.get_absolute_url())
    control = page.get_by_role("group", name="Font size")
    medium = body_font_px(page)

    # Tab until the "Small" button has focus, as a keyboard user would.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.fontSize") == "small":
            break
    else:
        pytest.fail("Tab never reached the font-size buttons")
    page.keyboard.press("Space")
    expect(control.get_by_role("button", name="Small")).to_have_attribute("aria-pressed", "true")
    assert body_font_px(page) < medium

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.fontSize") == "large"
    page.keyboard.press("Enter")
    expect(control.get_by_role("button", name="Large")).to_have_attribute("aria-pressed", "true")
    expect(control.get_by_role("button", name="Small")).to_have_attribute("aria-pressed", "false")
    assert body_font_px(page) > medium
