"""`manage.py seed_articles`: many plausible articles, fast, and the same ones for the same seed."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Category
from articles.sanitizer import sanitize_html
from articles.search import text_from_html


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    yield
    # A request to a /zh-hans/ page leaves Chinese active in this thread for what follows.
    translation.deactivate()


def seed(*arguments):
    out = StringIO()
    call_command("seed_articles", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    return list(
        Article.objects.order_by("id").values_list(
            "title", "language", "category__slug", "status", "publish_at", "pinned", "cover"
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

    article = Article.objects.published().filter(cover__gt="", language="en").order_by("id").first()
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
    assert {row[1] for row in first} == {"en", "zh-hans"}
    Article.objects.all().delete()
    seed("--count", "40", "--seed", "4")
    assert [row[0] for row in snapshot()] != [row[0] for row in first]


def test_seeded_articles_have_two_shared_tags(db):
    seed("--count", "60", "--seed", "5")
    counts = Counter(len(article.tags.all()) for article in Article.objects.all())
    assert counts == {2: 60}
    tags = Tag.objects.annotate(uses=Count("article")).order_by("-uses")
    # Few tags, each on many articles: tag pages that page like categories. A topic and a kind
    # of vehicle, from 16 and 12 of them per language.
    assert 2 <= len(tags) <= (16 + 12) * 2
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


def cjk(text):
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def test_half_the_articles_are_chinese_and_read_as_chinese(client, db):
    seed("--count", "400", "--seed", "9", "--verbosity", "0")
    chinese = list(Article.objects.filter(language="zh-hans").prefetch_related("tags"))
    english = list(Article.objects.filter(language="en").prefetch_related("tags"))
    assert 160 <= len(chinese) <= 240
    assert len(chinese) + len(english) == 400

    for article in chinese:
        assert cjk(article.title) and cjk(article.summary) and cjk(article.source), article.title
        # Chinese runs its sentences on: no English sentence in the text.
        assert ". " not in article.body_text and "。" in article.body_text
        assert all(cjk(tag.name) for tag in article.tags.all())
        assert not article.cover or cjk(article.cover_alt)
        assert article.slug == slugify(article.title, allow_unicode=True)
    for article in english:
        assert not cjk(article.title + article.body + article.source + article.cover_alt)
        assert not any(cjk(tag.name) for tag in article.tags.all())
    # Each is a story of its own, not a translation of another.
    assert Article.objects.values("translation_key").distinct().count() == 400

    article = Article.objects.published().filter(language="zh-hans").order_by("id").first()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert article.title in page.content.decode()


def test_common_chinese_words_appear_in_realistic_shares(db):
    seed("--count", "1000", "--seed", "2", "--verbosity", "0")
    texts = [title + text for title, text in Article.objects.values_list("title", "body_text")]

    def share(word):
        return sum(word in text for text in texts) / len(texts)

    # What the search benchmark counts on: frequent, middling and rarer words.
    assert 0.3 < share("燃料电池") < 0.5
    assert 0.1 < share("储氢") < 0.3
    assert 0.1 < share("加氢站") < 0.25
    assert 0.03 < share("双极板") < 0.1


def test_quiet_at_verbosity_zero(db):
    assert seed("--count", "5", "--seed", "1", "--verbosity", "0") == ""


@pytest.mark.parametrize("arguments", [["--count", "0"], ["--count", "5", "--batch-size", "0"]])
def test_refuses_counts_below_one(db, arguments):
    with pytest.raises(CommandError, match="at least 1"):
        seed(*arguments)
    assert not Article.objects.exists()
