"""An editor compares two revisions of an article and restores the older one."""

import re

import pytest
import reversion
from playwright.sync_api import expect

from articles.models import Article

from .pages import login

pytestmark = pytest.mark.browser

FIRST_TITLE = "Harbour pilot begins"
SECOND_TITLE = "Harbour pilot expands"


@pytest.fixture
def article(make_editor, make_article):
    """Published, then edited: two revisions by the editor "writer"."""
    writer = make_editor(username="writer")
    with reversion.create_revision():
        reversion.set_user(writer)
        article = make_article(
            title=FIRST_TITLE,
            slug="harbour-pilot",
            body="<p>The pilot links <strong>three</strong> refuelling stations.</p>",
        )
        article.tags.add("hydrogen")
    with reversion.create_revision():
        reversion.set_user(writer)
        article.title = SECOND_TITLE
        article.body = "<p>The pilot links <em>five</em> refuelling stations.</p>"
        article.save()
        article.tags.set(["solar"])
    return article


def test_editor_compares_two_revisions_and_restores_the_older(page, new_context, article):
    visitor = new_context().new_page()
    visitor.goto(article.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(SECOND_TITLE)
    login(page, "writer", "pw")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="History").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("writer")

    # The newest and the one before it are chosen already.
    page.get_by_role("button", name="compare").click()
    expect(page).to_have_url(re.compile(r"/history/compare/\?"))
    diffs = page.locator("#content-main .module")
    expect(diffs.locator("del", has_text="begins")).to_be_visible()
    expect(diffs.locator("ins", has_text="expands")).to_be_visible()
    expect(diffs.locator("del", has_text="three")).to_be_visible()
    expect(diffs.locator("ins", has_text="five")).to_be_visible()
    expect(diffs.locator("ins", has_text="solar")).to_be_visible()
    expect(diffs.locator("strong, em")).to_have_count(0)  # the body's text, not its markup

    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.get_by_role("link", name="Revert to this version").first.click()
    expect(page.locator("#id_title")).to_have_value(FIRST_TITLE)
    expect(page.locator("#id_tags")).to_have_value("hydrogen")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    expect(body.locator("strong")).to_have_text("three")  # CKEditor runs here as on the form
    # Not restored until saved: the public page is unchanged.
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(SECOND_TITLE)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert errors == []

    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(FIRST_TITLE)
    expect(visitor.locator("[data-article-body] strong")).to_have_text("three")
    restored = Article.objects.get(pk=article.pk)
    assert list(restored.tags.names()) == ["hydrogen"]
