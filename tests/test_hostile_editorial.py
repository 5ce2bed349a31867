"""Every hostile payload as a tag name, an SEO title and an SEO description: none of it runs on
the article page (its <title>, meta tags and JSON-LD included), the tag page, the sitemap or
the feeds, and the JSON-LD still reads back as what the editor typed."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse
from taggit.models import Tag

from .hostile_payloads import PAYLOADS
from .test_hostile_payloads import THROUGH_THE_SITE, Checker

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')


def check_json_ld(check, html, article, tag):
    """The one JSON-LD block parses, and holds the texts exactly as stored."""
    blocks = JSON_LD.findall(html)
    if len(blocks) != 1:
        check.fail("article page", f"{len(blocks)} JSON-LD blocks, expected 1")
        return
    try:
        data = json.loads(blocks[0])
    except ValueError as error:
        check.fail("article page", f"JSON-LD does not parse: {error}")
        return
    expected = {
        "headline": article.title,
        "description": article.seo_description,
        "keywords": [tag.name],
    }
    for key, value in expected.items():
        if data.get(key) != value:
            check.fail("article page", f"JSON-LD {key} is {data.get(key)!r}, not {value!r}")


def check_meta(check, html, article):
    """What link previews read is the text as stored (a browser unescapes attributes)."""
    meta = {name: unescape(content) for name, content in META.findall(html)}
    for name, field in (("og:title", "seo_title"), ("twitter:title", "seo_title")):
        if meta.get(name) != getattr(article, field):
            check.fail("article page", f"{name} is {meta.get(name)!r}")
    if meta.get("article:tag") is None:
        check.fail("article page", "no article:tag meta tag")


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_tag_names_and_seo_texts_never_run(payload, client, admin_client, make_article):
    tag = Tag.objects.create(name=payload.storable(100))
    article = make_article(
        title=payload.storable(200),
        seo_title=payload.storable(200),
        seo_description=payload.storable(300),
    )
    article.tags.add(tag)
    # A neighbour with the tag: the article pages list each other as related news.
    make_article(title="Plain neighbour").tags.add(tag)
    check = Checker(payload)

    html = check.page(client, article.get_absolute_url())
    check_json_ld(check, html, article, tag)
    check_meta(check, html, article)
    tag_page = reverse("articles:tag", kwargs={"slug": tag.slug})
    if f'href="{tag_page}"' not in html:
        check.fail("article page", f"no link to the tag page {tag_page}")
    check.page(client, tag_page)
    check.page(admin_client, reverse("articles:preview", args=[article.pk]))
    check.xml(client, "/feed/", shows=False)
    check.xml(client, "/feed/atom/", shows=False)
    check.sitemap(client)
    check.assert_clean()


def test_every_payload_makes_a_tag_with_a_page():
    """Else the test above would skip the tag page for some payloads."""
    for payload in PAYLOADS:
        tag = Tag(name=payload.storable(100))
        assert tag.slugify(tag.name), payload.id
