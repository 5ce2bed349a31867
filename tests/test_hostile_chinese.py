"""The hostile payloads through the Chinese pages: a Chinese article, its English translation
and a category's Chinese name never run, on the /zh-hans/ pages, the Chinese feeds and sitemap,
the language links, and the admin's translation screens."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from .test_hostile_payloads import THROUGH_THE_SITE, Checker

pytestmark = pytest.mark.django_db

SEARCH_WORD = "氢能"  # in every hostile article's body: a Chinese search finds it


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_chinese_pages_never_run_what_editors_wrote(
    payload, client, admin_client, make_category, make_article
):
    category = make_category(
        name=f"Hostile {payload.marker}",
        name_zh_hans=payload.storable(100),
        slug=f"hostile-{payload.marker}",
    )
    chinese = make_article(
        category=category,
        language="zh-hans",
        title=payload.storable(200),
        summary=payload.storable(500),
        body=f"<p>{SEARCH_WORD}</p>" + payload.storable(),
        source=payload.storable(200),
    )
    english = make_article(
        category=category,
        language="en",
        translation_key=chinese.translation_key,
        title=payload.storable(200),
        summary=payload.storable(500),
        body="<p>English.</p>" + payload.storable(),
    )
    check = Checker(payload)

    check.page(client, "/zh-hans/")
    check.page(client, "/zh-hans/news/")
    with translation.override("zh-hans"):
        check.page(client, category.get_absolute_url())
    html = check.page(client, chinese.get_absolute_url())
    if escape(payload.storable(200)) not in html:
        check.fail("Chinese article page", "the title is not shown exactly as written")
    check.page(client, english.get_absolute_url())
    check.page(client, "/zh-hans/search/", {"q": SEARCH_WORD})
    check.xml(client, "/zh-hans/feed/")
    check.xml(client, "/zh-hans/feed/atom/")
    check.xml(client, "/zh-hans/sitemap.xml", shows=False)

    check.page(admin_client, reverse("admin:articles_article_change", args=[chinese.pk]))
    check.page(admin_client, reverse("admin:articles_article_change", args=[english.pk]))
    check.page(admin_client, reverse("admin:articles_category_changelist"))
    check.assert_clean()
