"""`manage.py seed_articles`: many plausible articles, fast, and the same ones for the same seed."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Category
from articles.sanitizer import sanitize_html
from articles.search import text_from_html


def seed(*arguments):
    out = StringIO()
    call_command("seed_articles", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    return list(
        Article.objects.order_by("id").values_list(
            "title", "category__slug", "status", "publish_at", "pinned", "cover"
        )
    )


def test_seeds_plausible_articles_that_the_site_shows(client, db):
    output = seed("--count", "120", "--seed", "7", "--batch-size", "50")
    assert "Added 120 articles (seed 7)." in output
    articles = list(Article.objects.select_related("category"))
    assert len(articles) == 120
    assert {c.slug for c in Category.objects.all()} == {
        "company-news",
        "industry-news",
        "media-coverage",
    }
    assert len({a.category_id for a in articles}) == 3
    assert len({a.title for a in articles}) == 120
    now = timezone.now()
    assert all(now - a.publish_at < timedelta(days=3700) for a in articles)
    assert all(a.body.startswith("<p>") and a.summary and a.source for a in articles)
    assert all("lorem" not in a.body.lower() for a in articles)
    # What Article.save() would store, though bulk_create skips it.
    assert all(sanitize_html(a.body) == a.body for a in articles)
    assert all(text_from_html(a.body) == a.body_text for a in articles)
    assert all(a.slug == slugify(a.title, allow_unicode=True) for a in articles)
    covered = [a for a in articles if a.cover]
    assert len(covered) > 80
    assert all(default_storage.exists(a.cover_card.name) for a in covered)

    article = Article.objects.published().filter(cover__gt="").order_by("id").first()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert article.title in page.content.decode()
    word = article.body_text.split()[4].strip(".,")
    assert client.get("/search/", {"q": word}).context["page_obj"].paginator.count > 0
    assert "/media/covers/seed/cover-" in client.get("/news/").content.decode()


def test_same_seed_same_articles(db):
    seed("--count", "40", "--seed", "3")
    first = snapshot()
    Article.objects.all().delete()
    seed("--count", "40", "--seed", "3")
    assert snapshot() == first
    Article.objects.all().delete()
    seed("--count", "40", "--seed", "4")
    assert [row[0] for row in snapshot()] != [row[0] for row in first]


def test_seeded_articles_have_two_shared_tags(db):
    seed("--count", "60", "--seed", "5")
    counts = Counter(len(article.tags.all()) for article in Article.objects.all())
    assert counts == {2: 60}
    tags = Tag.objects.annotate(uses=Count("article")).order_by("-uses")
    # Few tags, each on many articles: tag pages that page like categories.
    assert 2 <= len(tags) < 30
    assert tags[0].uses >= 5
    assert all(tag.slug for tag in tags)


def test_kinds_of_article_in_a_larger_run(db):
    seed("--count", "2000", "--seed", "1", "--verbosity", "0")
    published = Article.objects.published()
    drafts = Article.objects.filter(status=Article.Status.DRAFT).count()
    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
    ).count()
    pinned = published.filter(pinned=True).count()
    assert 20 <= drafts <= 100  # about 3%
    assert 5 <= scheduled <= 40  # about 1%
    assert 5 <= pinned <= 40  # about 1%
    years = {d.year for d in published.dates("publish_at", "year")}
    assert len(years) >= 10


def test_quiet_at_verbosity_zero(db):
    assert seed("--count", "5", "--seed", "1", "--verbosity", "0") == ""


@pytest.mark.parametrize("arguments", [["--count", "0"], ["--count", "5", "--batch-size", "0"]])
def test_refuses_counts_below_one(db, arguments):
    with pytest.raises(CommandError, match="at least 1"):
        seed(*arguments)
    assert not Article.objects.exists()
