"""Security review: draft articles and empty categories stay out of reach of who may not see them.

Findings 6 (the staff preview and the admin's "view on site" redirect) and 13 (categories).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def draft(make_article):
    return make_article(
        title="SECRET DRAFT merger",
        slug="secret-draft-merger",
        body="<p>Confidential terms of the merger.</p>",
        status=Article.Status.DRAFT,
    )


def browser(username, *, staff=True, group=None):
    user = User.objects.create_user(username, password="pw", is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def view_on_site_url(article):
    content_type = ContentType.objects.get_for_model(Article)
    return f"/admin/r/{content_type.pk}/{article.pk}/"


@pytest.mark.django_db
def test_message_handlers_cannot_preview_articles(draft, make_article):
    scheduled = make_article(title="Results", publish_at=timezone.now() + timedelta(days=1))
    handler = browser("handler", group="Message handlers")
    for article in (draft, scheduled):
        response = handler.get(f"/news/preview/{article.pk}/")
        assert response.status_code == 403
        assert article.title not in response.content.decode()


@pytest.mark.django_db
def test_editors_preview_drafts(draft):
    response = browser("editor", group="Editors").get(f"/news/preview/{draft.pk}/")
    assert response.status_code == 200
    assert "Confidential terms of the merger." in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_visitors_and_plain_users_are_sent_to_log_in(client, draft):
    for who in (client, browser("plain", staff=False)):
        response = who.get(f"/news/preview/{draft.pk}/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_view_on_site_tells_a_drafts_address_only_to_who_may_view_articles(draft):
    handler = browser("handler", group="Message handlers")
    response = handler.get(view_on_site_url(draft))
    assert response.status_code == 403
    assert "secret-draft-merger" not in response.get("Location", "")
    assert "secret-draft-merger" not in response.content.decode()

    response = browser("editor", group="Editors").get(view_on_site_url(draft))
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())


@pytest.mark.django_db
def test_view_on_site_still_needs_staff(client, draft):
    response = client.get(view_on_site_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- Categories appear with their first published article ---------------------------------------


@pytest.fixture
def hidden_categories(make_category, make_article):
    """One category with nothing, one with a draft only, one with a scheduled article only."""
    empty = make_category(name="Investor Relations", slug="investor-relations")
    drafts = make_category(name="Acquisitions", slug="acquisitions")
    make_article(category=drafts, status=Article.Status.DRAFT, title="Draft deal")
    later = make_category(name="Annual Report", slug="annual-report")
    make_article(category=later, title="Report", publish_at=timezone.now() + timedelta(days=1))
    return empty, drafts, later


def test_a_category_without_published_news_is_404(
    client, article_in_company_news, hidden_categories
):
    for category in hidden_categories:
        assert client.get(category.get_absolute_url()).status_code == 404


def test_tabs_and_sitemap_leave_out_categories_without_published_news(
    client, article_in_company_news, hidden_categories
):
    pages = [
        client.get("/news/").content.decode(),
        client.get("/sitemap-categories.xml").content.decode(),
    ]
    for page in pages:
        assert "/news/category/company-news/" in page
        for category in hidden_categories:
            assert category.get_absolute_url() not in page
            assert category.name not in page


def test_a_category_appears_once_its_first_article_is_live(
    client, article_in_company_news, hidden_categories, monkeypatch
):
    later = hidden_categories[2]
    moment = timezone.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert client.get(later.get_absolute_url()).status_code == 200
    assert later.name in client.get("/news/").content.decode()


@pytest.fixture
def article_in_company_news(make_article):
    return make_article(title="Plant opens")
