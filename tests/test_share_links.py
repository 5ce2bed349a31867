"""An editor shares a draft with someone who has no account: a signed link that expires, can be
revoked, opens only its own article, and is never cached or indexed."""

import base64
import html
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import sharing
from articles.models import Article

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="(http://testserver/news/shared/[^"]+/)" class="share-link">')


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


def revoke_url(article):
    return reverse("admin:articles_article_share_revoke", args=[article.pk])


def create_link(editor_client, article, days="7"):
    """What an editor does: press "Create share link"; the link they copy from the message."""
    response = editor_client.post(share_url(article), {"days": days}, follow=True)
    assert response.redirect_chain == [(change_url(article), 302)]
    found = LINK.search(response.content.decode())
    assert found, "the change page shows no share link"
    return html.unescape(found[1]).removeprefix("http://testserver")


def revoke(editor_client, article):
    response = editor_client.post(revoke_url(article), follow=True)
    assert response.redirect_chain == [(change_url(article), 302)]
    return response


@pytest.fixture
def draft(make_article):
    return make_article(title="Merger talks, not yet announced", status=Article.Status.DRAFT)


@pytest.fixture
def visitor():
    """Someone who was sent the link: no account, no cookies."""
    return Client()


def test_a_share_link_opens_the_draft_for_a_visitor_without_an_account(
    editor_client, draft, visitor
):
    link = create_link(editor_client, draft)

    response = visitor.get(link)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="article__title">Merger talks, not yet announced</h1>' in page
    assert "Shared preview" in page
    assert "someone shared this preview with you" in page
    assert visitor.get(draft.get_absolute_url()).status_code == 404  # still hidden publicly


def test_the_change_page_offers_periods_with_seven_days_chosen(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()

    assert "Share preview link" in page
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', page)
    assert [(value, label) for value, _, label in options if label.endswith(("day", "days"))] == [
        ("1", "1 day"),
        ("7", "7 days"),
        ("30", "30 days"),
    ]
    assert '<option value="7" selected>7 days</option>' in page
    assert f'action="{revoke_url(draft)}"' in page


def test_the_message_says_until_when_the_link_works(editor_client, draft, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
    response = editor_client.post(share_url(draft), {"days": "30"}, follow=True)

    local_expiry = timezone.localtime(datetime(2026, 3, 31, 9, 0, tzinfo=UTC))
    assert f"valid until {local_expiry:%Y.%m.%d %H:%M}" in response.content.decode()


def test_a_scheduled_article_can_be_shared(editor_client, make_article, visitor):
    scheduled = make_article(title="Launch next week", publish_at=timezone.now() + timedelta(7))
    response = visitor.get(create_link(editor_client, scheduled))
    assert response.status_code == 200
    assert "Launch next week" in response.content.decode()


def test_a_published_article_gets_no_share_link(editor_client, make_article):
    published = make_article(title="Old news")
    assert "Create share link" not in editor_client.get(change_url(published)).content.decode()

    response = editor_client.post(share_url(published), {"days": "7"}, follow=True)

    page = response.content.decode()
    assert "This article is published: share its address" in page
    assert not LINK.search(page)


def test_once_published_the_link_leads_to_the_public_page(editor_client, draft, visitor):
    link = create_link(editor_client, draft)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)

    response = visitor.get(link)

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_a_period_not_offered_is_refused_with_a_message(editor_client, draft):
    response = editor_client.post(share_url(draft), {"days": "365"}, follow=True)
    page = response.content.decode()
    assert "Choose how long the link stays valid" in page
    assert not LINK.search(page)


# --- What a link opens, and when it stops ----------------------------------------------


def tampered(token, **changes):
    """`token` with its signed payload changed, and the signature left as it was."""
    data, signature = token.rsplit(":", 1)
    payload = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    payload[0] = changes.get("pk", payload[0])
    payload[2] = changes.get("expires", payload[2])
    encoded = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    return f"{encoded.decode().rstrip('=')}:{signature}"


def test_a_link_opens_only_its_own_article(editor_client, draft, make_article, visitor):
    other = make_article(title="Another secret draft", status=Article.Status.DRAFT)
    link = create_link(editor_client, draft)
    token = link.split("/")[-2]

    assert "Another secret draft" not in visitor.get(link).content.decode()
    forged = reverse("articles:shared", args=[tampered(token, pk=other.pk)])
    assert visitor.get(forged).status_code == 404
    # Nor does the staff preview of the other article open without logging in.
    assert visitor.get(reverse("articles:preview", args=[other.pk])).status_code == 302


@pytest.mark.parametrize(
    "alter",
    [
        pytest.param(lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), id="signature"),
        pytest.param(lambda token: tampered(token, expires=4102444800), id="longer-life"),
        pytest.param(lambda token: token[:20], id="cut-short"),
        pytest.param(lambda token: "x" * 5000, id="very-long"),
        pytest.param(lambda token: "not-a-token", id="garbage"),
    ],
)
def test_an_altered_link_is_404(editor_client, draft, visitor, alter):
    token = create_link(editor_client, draft).split("/")[-2]
    response = visitor.get(reverse("articles:shared", args=[alter(token)]))
    assert response.status_code == 404
    assert "Merger talks" not in response.content.decode()


def test_a_token_signed_for_something_else_is_refused(draft, visitor):
    payload = [draft.pk, 0, int(timezone.now().timestamp()) + 3600]
    for token in (signing.dumps(payload), signing.Signer().sign_object(payload)):
        assert visitor.get(reverse("articles:shared", args=[token])).status_code == 404


def test_a_link_of_a_deleted_article_is_404(editor_client, draft, visitor):
    link = create_link(editor_client, draft)
    draft.delete()
    assert visitor.get(link).status_code == 404


def test_a_link_expires_after_the_chosen_period(editor_client, draft, visitor, time_machine):
    start = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
    time_machine.move_to(start, tick=False)
    link = create_link(editor_client, draft, days="1")

    time_machine.move_to(start + timedelta(days=1, seconds=-1), tick=False)
    assert visitor.get(link).status_code == 200
    time_machine.move_to(start + timedelta(days=1), tick=False)
    assert visitor.get(link).status_code == 404


def test_revoking_refuses_earlier_links_and_later_ones_work(
    editor_client, draft, visitor, time_machine
):
    # All within one second: the order is kept below a second.
    start = datetime(2026, 5, 4, 12, 0, 0, 100_000, tzinfo=UTC)
    time_machine.move_to(start, tick=False)
    before = create_link(editor_client, draft)
    time_machine.move_to(start + timedelta(milliseconds=300), tick=False)
    page = revoke(editor_client, draft).content.decode()
    assert "no longer works" in page
    right_after = create_link(editor_client, draft)  # the same instant as the revoke
    time_machine.move_to(start + timedelta(milliseconds=600), tick=False)
    later = create_link(editor_client, draft)

    assert visitor.get(before).status_code == 404
    assert visitor.get(right_after).status_code == 200
    assert visitor.get(later).status_code == 200


def test_revoking_keeps_the_article_as_it_was(editor_client, draft):
    revoke(editor_client, draft)
    stored = Article.objects.get(pk=draft.pk)
    assert stored.share_links_revoked_at is not None
    assert (stored.title, stored.status, stored.updated_at) == (
        draft.title,
        draft.status,
        draft.updated_at,
    )


# --- Headers and caching ---------------------------------------------------------------


def test_a_shared_page_is_private_unindexed_and_sends_no_referrer(editor_client, draft, visitor):
    response = visitor.get(create_link(editor_client, draft))

    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_shared_page_is_never_page_cached(editor_client, draft, visitor, settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    link = create_link(editor_client, draft)
    calls = []
    opened = sharing.shared_article
    monkeypatch.setattr(
        sharing, "shared_article", lambda token: calls.append(token) or opened(token)
    )

    first, second = visitor.get(link), visitor.get(link)

    assert first.status_code == second.status_code == 200
    assert len(calls) == 2  # the second request ran the view again


# --- Who may create and revoke ---------------------------------------------------------


def test_message_handlers_may_neither_share_nor_revoke(handler_client, draft):
    assert handler_client.post(share_url(draft), {"days": "7"}).status_code == 403
    assert handler_client.post(revoke_url(draft)).status_code == 403
    assert Article.objects.get(pk=draft.pk).share_links_revoked_at is None


def test_anonymous_users_are_sent_to_the_login_page(client, draft):
    for url in (share_url(draft), revoke_url(draft)):
        response = client.post(url, {"days": "7"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert Article.objects.get(pk=draft.pk).share_links_revoked_at is None


def test_sharing_and_revoking_are_posts_with_a_csrf_token(editor, draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.get(share_url(draft)).status_code == 405
    assert browser.get(revoke_url(draft)).status_code == 405
    assert browser.post(share_url(draft), {"days": "7"}).status_code == 403
    assert browser.post(revoke_url(draft)).status_code == 403
    assert Article.objects.get(pk=draft.pk).share_links_revoked_at is None


def test_sharing_an_article_that_does_not_exist_is_404(editor_client):
    assert editor_client.post("/admin/articles/article/999999/share/").status_code == 404
