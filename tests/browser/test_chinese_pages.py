"""A reader moves between the English and Chinese versions of a story, and reads Chinese at the
size they choose."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser

BODY_FONT_SIZE = "getComputedStyle(document.querySelector('[data-article-body] p')).fontSize"


def in_chinese(text):
    with translation.override("zh-hans"):
        translated = gettext(text)
    assert translated != text, f"{text!r} has no Chinese translation"
    return translated


def test_the_switcher_opens_the_chinese_translation_and_back(page, demo_content):
    chinese_keys = Article.objects.published().in_language("zh-hans").values("translation_key")
    english = (
        Article.objects.published().in_language("en").filter(translation_key__in=chinese_keys)
    ).first()
    chinese = english.translations().get()

    page.goto(english.get_absolute_url())
    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(chinese.title)
    assert unquote(page.url).endswith(unquote(chinese.get_absolute_url()))

    switcher = page.get_by_role("navigation", name=in_chinese("Language"))
    switcher.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(english.title)


def test_font_size_control_works_on_a_chinese_article(page, make_article):
    now = timezone.now()
    article = make_article(
        title="蓝峰氢能发布新一代燃料电池系统",
        body="<p>公司今日在保定发布新一代燃料电池系统，额定功率提高百分之二十。</p>",
        language="zh-hans",
        publish_at=now - timedelta(days=1),
    )
    with translation.override("zh-hans"):
        page.goto(article.get_absolute_url())
    control = page.get_by_role("group", name=in_chinese("Font size"))
    medium = float(page.evaluate(BODY_FONT_SIZE).removesuffix("px"))

    control.get_by_role("button", name=in_chinese("Large")).click()
    expect(control.get_by_role("button", name=in_chinese("Large"))).to_have_attribute(
        "aria-pressed", "true"
    )
    assert float(page.evaluate(BODY_FONT_SIZE).removesuffix("px")) > medium
    control.get_by_role("button", name=in_chinese("Small")).click()
    assert float(page.evaluate(BODY_FONT_SIZE).removesuffix("px")) < medium
    # The Chinese styles are in force: a CJK face first, and looser lines.
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"PingFang SC"')
