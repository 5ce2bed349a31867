"""`manage.py loaddemo`: the demo categories and articles an editor sees on a fresh install."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from articles.demo import ARTICLES
from articles.models import Article, Category

pytestmark = pytest.mark.django_db
# A run draws and shrinks a dozen 1600 × 900 covers, which takes seconds: `make check` runs
# the first test only (and the one that loads nothing), `make test` all of them.


def loaddemo(*args):
    out = io.StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def test_creates_the_three_categories_and_the_articles():
    output = loaddemo()

    assert list(Category.objects.values_list("slug", "name", "position")) == [
        ("company-news", "Company News", 1),
        ("industry-news", "Industry News", 2),
        ("media-coverage", "Media Coverage", 3),
    ]
    assert Article.objects.count() == len(ARTICLES) >= 12
    assert f"Created 3 categories and {len(ARTICLES)} articles." in output
    for category in Category.objects.all():
        assert category.articles.exists(), category.slug


@pytest.mark.slow
def test_every_article_gets_a_generated_cover_that_pillow_opens():
    loaddemo()

    for article in Article.objects.all():
        assert article.cover.name.startswith("covers/"), article.title
        assert article.cover_alt, article.title
        with Image.open(article.cover.path) as image:
            assert image.size == (1600, 900)
        assert article.cover_card.name.startswith(article.cover.name + ".")


@pytest.mark.slow
def test_demo_shows_every_state_an_editor_meets():
    loaddemo()
    now = timezone.now()
    articles = Article.objects.all()

    assert articles.filter(status=Article.Status.DRAFT).count() == 1
    assert articles.filter(status=Article.Status.PUBLISHED, publish_at__gt=now).count() == 1
    assert 1 <= articles.filter(pinned=True).count() <= 2
    assert Article.objects.published().count() == len(ARTICLES) - 2
    oldest = articles.order_by("publish_at").first().publish_at
    assert (now - oldest).days > 365  # spread over about two years
    bodies = "".join(articles.values_list("body", flat=True))
    for tag in ("<h2>", "<ul>", "<blockquote>", "<table>"):
        assert tag in bodies
    assert all(articles.values_list("source", flat=True))


@pytest.mark.slow
def test_chinese_article_has_a_chinese_address(client):
    loaddemo()
    article = Article.objects.get(title="公司荣获年度氢能创新奖")

    assert article.slug == "公司荣获年度氢能创新奖"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "公司荣获年度氢能创新奖" in response.content.decode()


@pytest.mark.slow
def test_demo_articles_are_tagged_and_their_tag_pages_list_them(client):
    loaddemo()
    article = Article.objects.get(title="公司荣获年度氢能创新奖")
    assert sorted(article.tags.names()) == ["Awards", "氢能"]
    assert all(article.tags.exists() for article in Article.objects.all())

    page = client.get("/news/tag/氢能/")
    assert page.status_code == 200
    assert "公司荣获年度氢能创新奖" in page.content.decode()
    manufacturing = client.get("/news/tag/manufacturing/").content.decode()
    assert "Second Stack Production Line Starts Operation in Baoding" in manufacturing


@pytest.mark.slow
def test_running_twice_creates_nothing_new(media_root):
    loaddemo()
    covers = sorted(path.name for path in media_root.rglob("*.jpg"))

    output = loaddemo()

    assert "Demo content already present." in output
    assert Category.objects.count() == 3
    assert Article.objects.count() == len(ARTICLES)
    assert sorted(path.name for path in media_root.rglob("*.jpg")) == covers


@pytest.mark.slow
def test_running_again_keeps_what_editors_changed():
    loaddemo()
    article = Article.objects.get(title="公司荣获年度氢能创新奖")
    article.summary = "Edited by an editor."
    article.save()
    Article.objects.filter(status=Article.Status.DRAFT).delete()

    output = loaddemo()

    assert "Created 0 categories and 1 article." in output
    article.refresh_from_db()
    assert article.summary == "Edited by an editor."


def test_if_empty_does_nothing_when_there_are_articles(make_article):
    make_article(title="Our own first article")

    output = loaddemo("--if-empty")

    assert "already has articles" in output
    assert list(Article.objects.values_list("title", flat=True)) == ["Our own first article"]
    assert Category.objects.count() == 1  # only the fixture's


@pytest.mark.slow
def test_if_empty_loads_into_an_empty_database():
    output = loaddemo("--if-empty")

    assert Article.objects.count() == len(ARTICLES)
    assert "Created 3 categories" in output


@pytest.mark.slow
def test_verbosity_zero_is_quiet():
    assert loaddemo("--verbosity", "0") == ""
    assert Article.objects.count() == len(ARTICLES)
