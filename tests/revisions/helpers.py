"""Addresses and forms shared by the revision tests."""

from django.urls import reverse
from reversion.models import Version

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
RECOVER_LIST_URL = reverse("admin:articles_article_recoverlist")
FIRST = {
    "title": "Harbour pilot begins",
    "slug": "harbour-pilot",
    "summary": "Three stations open in the harbour.",
    "body": "<p>The pilot links <strong>three</strong> refuelling stations.</p>",
    "tags": "energy, hydrogen",
}
SECOND = {
    "title": "Harbour pilot expands",
    "slug": "harbour-pilot",
    "summary": "Five stations open along the coast.",
    "body": "<p>The pilot links <em>five</em> refuelling stations.</p>",
    "tags": "solar",
}


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, old, new):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?version_id1={old.pk}&version_id2={new.pk}"


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def recover_url(version):
    return reverse("admin:articles_article_recover", args=[version.pk])


def versions(article):
    """The article's versions, oldest first."""
    return list(Version.objects.get_for_object(article).order_by("pk"))


def tag_names(article):
    return sorted(article.tags.names())
