"""`manage.py loaddemo`: the demo categories and articles an editor sees on a fresh install."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from articles.demo import ARTICLES, ARTICLES_BY_LANGUAGE
from articles.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    yield
    # A request to a /zh-hans/ page leaves Chinese active in this thread for what follows.
    translation.deactivate()


# A run draws and shrinks a dozen 1600 × 900 covers, which takes seconds: `make check` runs
# the first test only (and the one that loads nothing), `make test` all of them.


def chinese_tag_url(slug):
    with translation.override("zh-hans"):
        return reverse("articles:tag", kwargs={"slug": slug})


def loaddemo(*args):
    out = io.StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def test_creates_the_three_categories_and_the_articles():
    output = loaddemo()

    assert list(Category.objects.values_list("slug", "name", "name_zh_hans", "position")) == [
        ("company-news", "Company News", "公司新闻", 1),
        ("industry-news", "Industry News", "行业动态", 2),
        ("media-coverage", "Media Coverage", "媒体报道", 3),
    ]
    assert Article.objects.count() == len(ARTICLES) >= 24
    assert f"Created 3 categories and {len(ARTICLES)} articles." in output
    for category in Category.objects.all():
        for language in ("en", "zh-hans"):
            assert category.articles.filter(language=language).exists(), (category.slug, language)


def test_stories_are_linked_across_languages():
    loaddemo()

    english = Article.objects.get(title="Second Stack Production Line Starts Operation in Baoding")
    (chinese,) = english.translations()
    assert (chinese.language, chinese.title) == ("zh-hans", "保定基地第二条电堆生产线正式投产")
    assert chinese.publish_at == english.publish_at
    assert chinese.category == english.category
    assert list(chinese.translations()) == [english]

    linked = Article.objects.values("translation_key").annotate(n=Count("id")).filter(n=2)
    assert linked.count() >= 12
    # Stories written for one audience only: no translation.
    for title in (
        "Third-Quarter Production and Delivery Update",
        "Lanfeng Hydrogen Named in Industry Observer's Factories of the Future List",
        "公司举办第五届职工技能大赛",
        "《河北日报》关注保定氢能产业集群：从一根管路到一条产业链",
    ):
        assert not Article.objects.get(title=title).translations().exists(), title
    assert Article.objects.filter(language="en").count() == len(ARTICLES_BY_LANGUAGE["en"])


def test_chinese_articles_are_written_and_tagged_in_chinese():
    loaddemo()

    for article in Article.objects.filter(language="zh-hans"):
        for text in (article.title, article.summary, article.body_text, article.cover_alt):
            assert any("\u4e00" <= character <= "\u9fff" for character in text), article.title
        assert "。" in article.body_text
        names = article.tags.names()
        assert names and all(not name.isascii() or name == "HX-150" for name in names)
    award = Article.objects.get(title="公司荣获年度氢能创新奖")
    assert award.language == "zh-hans"
    assert award.translations().get().title == "Company Wins Annual Hydrogen Innovation Award"


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

    # The draft is not translated yet; the scheduled open day is announced in both languages.
    assert articles.filter(status=Article.Status.DRAFT).count() == 1
    scheduled = articles.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
    assert sorted(scheduled.values_list("language", flat=True)) == ["en", "zh-hans"]
    for language in ("en", "zh-hans"):
        assert 1 <= articles.filter(pinned=True, language=language).count() <= 2
    assert Article.objects.published().count() == len(ARTICLES) - 3
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
    assert sorted(article.tags.names()) == ["氢能", "荣誉"]
    assert all(article.tags.exists() for article in Article.objects.all())

    page = client.get(chinese_tag_url("氢能"))
    assert page.status_code == 200
    assert "公司荣获年度氢能创新奖" in page.content.decode()
    manufacturing = client.get("/news/tag/manufacturing/").content.decode()
    assert "Second Stack Production Line Starts Operation in Baoding" in manufacturing
    assert "公司举办第五届职工技能大赛" in client.get(chinese_tag_url("燃料电池")).content.decode()


@pytest.mark.slow
def test_running_twice_creates_nothing_new(media_root):
    loaddemo()
    covers = sorted(path.name for path in media_root.rglob("*.jpg"))
    # An editor retitles a translation: it is still the story's, and is not added again.
    Article.objects.filter(title="加氢站设计新国标正式实施").update(title="加氢站新国标今起实施")

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
    english = Article.objects.get(title="Company Wins Annual Hydrogen Innovation Award")
    english.delete()

    output = loaddemo()

    assert "Created 0 categories and 2 articles." in output
    article.refresh_from_db()
    assert article.summary == "Edited by an editor."
    # Added back as the translation of the story it belongs to.
    assert article.translations().get().title == english.title


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
