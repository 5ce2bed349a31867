"""An editor shares a draft; the person they send the link to opens it in their own browser,
with no account and no cookies, until the editor revokes it."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .pages import login

pytestmark = pytest.mark.browser

TITLE = "Merger talks with Northwind"


def test_a_share_link_opens_the_draft_in_a_browser_without_cookies(
    page, new_context, make_editor, make_article
):
    draft = make_article(title=TITLE, status=Article.Status.DRAFT, body="<p>Terms agreed.</p>")
    make_editor(username="writer")
    login(page, "writer", "pw")

    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    share_box = page.locator(".share-preview")
    expect(share_box.get_by_label("Valid for")).to_have_value("7")
    share_box.get_by_label("Valid for").select_option(label="1 day")
    share_box.get_by_role("button", name="Create share link").click()
    link = page.locator(".messagelist a.share-link")
    expect(link).to_have_text(re.compile(r"/news/shared/[^/]+/$"))
    url = link.inner_text()

    # The recipient: a fresh browser profile, never logged in.
    recipient_context = new_context()
    assert recipient_context.cookies() == []
    recipient = recipient_context.new_page()
    response = recipient.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex"
    expect(recipient.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(recipient.get_by_role("note")).to_contain_text("Shared preview")
    expect(recipient.locator("[data-article-body]")).to_contain_text("Terms agreed.")
    # The public address of the draft still shows nothing.
    assert recipient.goto(draft.get_absolute_url()).status == 404

    # The editor revokes every link: the recipient's stops working.
    share_box.get_by_role("button", name="Revoke all share links").click()
    expect(page.locator(".messagelist")).to_contain_text("no longer works")
    assert recipient.goto(url).status == 404
