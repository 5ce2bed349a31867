"""Fixtures of the revision tests."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article

from ..admin_forms import article_form
from .helpers import ADD_URL, FIRST, SECOND


@pytest.fixture
def visitor():
    """A second browser, not logged in (`client` is the editor's once `editor_client` is used)."""
    return Client()


@pytest.fixture
def edited(editor_client, category):
    """An article an editor added (FIRST) and then changed (SECOND) in the admin."""
    assert editor_client.post(ADD_URL, article_form(category, **FIRST)).status_code == 302
    article = Article.objects.get()
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(category, **SECOND),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    return article
