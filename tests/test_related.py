"""Related news at the foot of an article: which articles, in which order, in one query."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from articles.cards import FIELDS, cards
from articles.models import Article, ArticleQuerySet
from articles.surroundings import surroundings


def related_titles(client, article):
    """The titles under "Related news" on the article's page, in order."""
    html = client.get(article.get_absolute_url()).content.decode()
    section = re.search(r'<section class="related".*?</section>', html, re.S)
    if section is None:
        return []
    return [unescape(t) for t in re.findall(r'class="card__link"[^>]*>([^<]*)<', section[0])]


@pytest.fixture
def story(make_article, make_category, category):
    """An article tagged Hydrogen and Buses, and others that share more, fewer or no tags."""
    now = timezone.now()
    other = make_category(name="Industry News", slug="industry-news")

    def make(title, days_ago, tags=(), category=category, **fields):
        article = make_article(
            title=title, category=category, publish_at=now - timedelta(days=days_ago), **fields
        )
        article.tags.add(*tags)
        return article

    return {
        "story": make("The story", 5, ["Hydrogen", "Buses"]),
        "both tags, old, other category": make("Both tags", 30, ["Hydrogen", "Buses"], other),
        "one tag, same category": make("One tag here", 20, ["Buses"]),
        "one tag, other category, new": make("One tag there", 1, ["Hydrogen"], other),
        "no tag, same category, newest": make("Same category", 0),
        "no tag, other category": make("Elsewhere", 0, [], other),
        "both tags, draft": make(
            "Draft sharing", 2, ["Hydrogen", "Buses"], status=Article.Status.DRAFT
        ),
        "both tags, scheduled": make("Scheduled sharing", -1, ["Hydrogen", "Buses"]),
    }


def test_more_shared_tags_first_then_same_category_then_newest(client, story):
    assert related_titles(client, story["story"]) == ["Both tags", "One tag here", "One tag there"]


def test_articles_of_the_category_fill_the_places_that_tags_leave(client, story):
    story["one tag, other category, new"].tags.clear()
    story["one tag, same category"].tags.clear()
    # Both in the story's category with no shared tag: the newer first.
    assert related_titles(client, story["story"]) == ["Both tags", "Same category", "One tag here"]


def test_an_untagged_article_gets_the_newest_of_its_category(client, make_article, category):
    now = timezone.now()
    made = [make_article(title=f"Item {n}", publish_at=now - timedelta(days=n)) for n in range(5)]
    assert related_titles(client, made[2]) == ["Item 0", "Item 1", "Item 3"]


def test_never_itself_a_draft_a_scheduled_or_an_unrelated_article(client, story):
    for name in ("story", "both tags, old, other category", "one tag, same category"):
        titles = related_titles(client, story[name])
        assert story[name].title not in titles
        assert not {"Draft sharing", "Scheduled sharing", "Elsewhere"} & set(titles), name


def test_an_article_with_nothing_related_shows_no_section(client, make_article):
    lonely = make_article(title="Alone")
    html = client.get(lonely.get_absolute_url()).content.decode()
    assert "Related news" not in html and related_titles(client, lonely) == []


def test_related_articles_take_one_query_with_all_their_cards_show(
    client, story, django_assert_num_queries
):
    article = story["story"]
    with django_assert_num_queries(1):
        rows = list(Article.objects.values(*FIELDS).related_to(article))
    assert [row["title"] for row in rows] == ["Both tags", "One tag here", "One tag there"]
    assert all(set(FIELDS) <= row.keys() for row in rows)  # all that their cards show
    client.get(story["one tag, same category"].get_absolute_url())  # pagecache's set-up
    # Worked out with the rest of the page's surroundings (tags, previous, next, related,
    # translations: a query each), then remembered as the cards' rows: no query.
    for queries in (5, 0):
        with django_assert_num_queries(queries):
            related = cards(surroundings(article)["related"])
            assert [(card.title, card.category) for card in related] == [
                ("Both tags", "Industry News"),
                ("One tag here", "Company News"),
                ("One tag there", "Industry News"),
            ]


def test_a_newly_published_article_shows_up_at_once(
    client, story, make_article, django_capture_on_commit_callbacks
):
    assert related_titles(client, story["story"])[0] == "Both tags"  # remembered from here on
    with django_capture_on_commit_callbacks(execute=True):
        newer = make_article(title="Newer with both")
        newer.tags.add("Hydrogen", "Buses")
    assert related_titles(client, story["story"])[:2] == ["Newer with both", "Both tags"]
    with django_capture_on_commit_callbacks(execute=True):
        newer.status = Article.Status.DRAFT
        newer.save()
    assert "Newer with both" not in related_titles(client, story["story"])


def test_only_the_latest_articles_of_a_tag_are_weighed(story, monkeypatch):
    """The window that keeps a tag of thousands of articles cheap: the last few tagged."""
    monkeypatch.setattr(ArticleQuerySet, "RELATED_WINDOW", 1)
    article = story["story"]
    related = Article.objects.related_to(article, article.tags.values_list("pk", flat=True))
    # Each tag's last-tagged article is the scheduled one, which is not published.
    assert [a.title for a in related] == ["One tag here", "Same category"]
