"""Search over titles, summaries and bodies of published articles."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def articles(make_article):
    return {
        "title": make_article(
            title="Turbine plant opens", summary="A new site.", body="<p>Hello.</p>"
        ),
        "summary": make_article(
            title="Quarterly update", summary="Revenue from offshore wind grew.", body="<p>Hi.</p>"
        ),
        "body": make_article(
            title="Visit from partners",
            summary="Partners came to see us.",
            body="<p>They toured the <strong>gearbox</strong> assembly line.</p>",
        ),
        "chinese": make_article(
            title="公司召开年度大会", summary="年度总结。", body="<p>大会在上海举行。</p>"
        ),
        "draft": make_article(
            title="Turbine secret draft",
            summary="offshore gearbox plans",
            body="<p>gearbox</p>",
            status=Article.Status.DRAFT,
        ),
        "scheduled": make_article(
            title="Turbine scheduled launch",
            summary="offshore gearbox launch",
            body="<p>gearbox</p>",
            publish_at=timezone.now() + timedelta(days=2),
        ),
    }


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def found_titles(response):
    return {article.title for article in response.context["articles"]}


def assert_found_on_page(response, *articles):
    content = response.content.decode()
    for article in articles:
        assert article.title in content
        assert f'href="{article.get_absolute_url()}"' in content


@pytest.mark.parametrize(
    ("query", "key"),
    [("turbine", "title"), ("offshore", "summary"), ("gearbox", "body"), ("年度", "chinese")],
)
def test_finds_published_article_by_word(client, articles, query, key):
    response = search(client, query)
    assert found_titles(response) == {articles[key].title}
    assert_found_on_page(response, articles[key])


def test_search_ignores_case(client, articles):
    assert found_titles(search(client, "TURBINE")) == {"Turbine plant opens"}


@pytest.mark.parametrize("query", ["secret", "scheduled launch", "plans", "launch"])
def test_never_finds_drafts_or_scheduled(client, articles, query):
    response = search(client, query)
    assert found_titles(response) == set()
    content = response.content.decode()
    assert "Turbine secret draft" not in content
    assert "Turbine scheduled launch" not in content


def test_multi_word_query_needs_every_word(client, articles):
    assert found_titles(search(client, "partners gearbox")) == {"Visit from partners"}
    assert found_titles(search(client, "partners turbine")) == set()
    assert found_titles(search(client, "  turbine   plant ")) == {"Turbine plant opens"}


def test_no_match_says_so(client, articles):
    response = search(client, "zeppelin")
    assert found_titles(response) == set()
    content = response.content.decode()
    assert "zeppelin" in content
    assert "No articles match" in content


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_shows_message_and_no_results(client, articles, query):
    response = search(client, query)
    assert found_titles(response) == set()
    content = response.content.decode()
    for article in articles.values():
        assert article.title not in content
    assert "Type one or more words to search" in content


def test_missing_query_parameter_is_fine(client, articles):
    response = client.get("/search/")
    assert response.status_code == 200
    assert found_titles(response) == set()


def test_query_is_echoed_escaped(client, articles):
    payload = '<script>alert("x")</script>'
    content = search(client, payload).content.decode()
    assert '<script>alert("x")' not in content
    assert "&lt;script&gt;" in content


def test_long_query_is_fine(client, articles):
    assert found_titles(search(client, "turbine " * 125)) == {"Turbine plant opens"}
    assert found_titles(search(client, "x" * 1000)) == set()


@pytest.mark.parametrize("query", ["%", "_", "100%", "\\", "'", '"', "\x00", "🌬️"])
def test_odd_characters_are_fine(client, articles, query):
    assert found_titles(search(client, query)) == set()
