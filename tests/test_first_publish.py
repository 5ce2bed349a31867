"""Publishing an old draft puts it on top: a first publish with a past date is dated now, unless
the editor keeps the date (a backdate); first_published_at records when it first went out."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import article_form

CHANGELIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def publish_through_form(client, article, **fields):
    data = article_form(
        article.category,
        title=article.title,
        publish_at_0=timezone.localtime(article.publish_at).strftime("%Y-%m-%d"),
        publish_at_1=timezone.localtime(article.publish_at).strftime("%H:%M:%S"),
        **fields,
    )
    del data["keep_publish_date"], data["pinned"]  # neither unless asked for
    data.update({key: value for key, value in fields.items() if key == "keep_publish_date"})
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    return article


@pytest.fixture
def old_draft(make_article):
    return make_article(
        title="Draft written last month",
        status=Article.Status.DRAFT,
        publish_at=timezone.now() - timedelta(days=30),
    )


@pytest.fixture
def newer_news(make_article):
    return make_article(title="Yesterday's news", publish_at=timezone.now() - timedelta(days=1))


def list_titles(client):
    client.logout()
    return [article.title for article in client.get("/news/").context["articles"]]


def test_a_published_old_draft_leads_the_news_center(editor_client, old_draft, newer_news):
    before = timezone.now()
    article = publish_through_form(editor_client, old_draft)

    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at >= before
    assert article.first_published_at == article.publish_at
    assert list_titles(editor_client)[0] == "Draft written last month"


def test_keep_this_publish_date_backdates_it(editor_client, old_draft, newer_news):
    old_date = old_draft.publish_at
    article = publish_through_form(editor_client, old_draft, keep_publish_date="on")

    assert article.publish_at == old_date.replace(microsecond=0)
    assert article.first_published_at == article.publish_at
    assert list_titles(editor_client) == ["Yesterday's news", "Draft written last month"]


def test_a_later_edit_keeps_the_date_of_an_article_already_published(editor_client, newer_news):
    first_published = newer_news.first_published_at
    article = publish_through_form(editor_client, newer_news, summary="A correction.")

    assert article.publish_at == newer_news.publish_at.replace(microsecond=0)
    assert article.first_published_at == first_published


def test_unpublished_and_published_again_keeps_its_first_date(editor_client, newer_news):
    first_published = newer_news.first_published_at
    editor_client.post(
        CHANGELIST_URL, {"action": "unpublish_selected", "_selected_action": [newer_news.pk]}
    )
    editor_client.post(
        CHANGELIST_URL, {"action": "publish_selected", "_selected_action": [newer_news.pk]}
    )
    newer_news.refresh_from_db()

    assert newer_news.is_published()
    assert newer_news.first_published_at == first_published
    assert newer_news.publish_at < timezone.now() - timedelta(hours=23)


def test_bulk_publish_dates_an_old_draft_now_and_keeps_a_schedule(
    editor_client, old_draft, newer_news, make_article
):
    future = timezone.now() + timedelta(days=3)
    scheduled = make_article(title="Next week", status=Article.Status.DRAFT, publish_at=future)
    before = timezone.now()
    editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [old_draft.pk, scheduled.pk]},
    )
    old_draft.refresh_from_db()
    scheduled.refresh_from_db()

    assert old_draft.publish_at >= before
    assert old_draft.first_published_at == old_draft.publish_at
    assert scheduled.publish_at == future
    assert scheduled.first_published_at == future
    assert list_titles(editor_client)[0] == "Draft written last month"


def test_a_draft_has_no_first_publish_date(editor_client, old_draft):
    assert old_draft.first_published_at is None
    page = editor_client.get(change_url(old_draft)).content.decode()
    assert "Keep this publish date" in page
    assert "Significant change" in page
