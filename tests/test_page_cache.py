"""The page cache: visitors get stored pages, and no page outlives the change that affects it.

The test settings use a local-memory cache (pyproject: CACHE_URL); the page cache is on. Against
gunicorn with two workers and a shared file cache: test_page_cache_gunicorn.py.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from pagecache import freshness
from tests.admin_forms import article_form

CACHED_PAGES = {
    "home": lambda article: "/",
    "list": lambda article: "/news/",
    "category": lambda article: article.category.get_absolute_url(),
    "article": lambda article: article.get_absolute_url(),
    "feed": lambda article: "/feed/",
    "atom feed": lambda article: "/feed/atom/",
    "sitemap": lambda article: "/sitemap.xml",
    "sitemap section": lambda article: "/sitemap-articles.xml",
    "robots": lambda article: "/robots.txt",
}


@pytest.fixture
def staff_client(editor):
    """An editor's browser, beside the anonymous visitor's `client`."""
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def article(make_article):
    return make_article(title="Hydrogen plant opens", source="Press office")


def get_text(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_second_visitor_gets_the_stored_page_without_a_query(
    client, article, django_assert_num_queries, page
):
    url = CACHED_PAGES[page](article)
    first = client.get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


# Writes refresh the pages once committed (transaction.on_commit). Each test runs inside one
# transaction that never commits, so the tests run the commit callbacks of each write.


def test_editing_in_the_admin_shows_on_the_next_visit(
    client, staff_client, article, django_capture_on_commit_callbacks
):
    get_text(client, article.get_absolute_url())
    get_text(client, "/news/")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form(
                article.category, title="Hydrogen plant doubles output", slug=article.slug
            ),
        )
    assert response.status_code == 302

    for url in (article.get_absolute_url(), "/news/", "/"):
        page = get_text(client, url)
        assert "Hydrogen plant doubles output" in page, url
        assert "Hydrogen plant opens" not in page, url


def test_deleting_in_the_admin_removes_the_article_everywhere(
    client, staff_client, article, django_capture_on_commit_callbacks
):
    get_text(client, article.get_absolute_url())
    assert "Hydrogen plant opens" in get_text(client, "/feed/")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
    assert response.status_code == 302

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Hydrogen plant opens" not in get_text(client, "/news/")
    assert "Hydrogen plant opens" not in get_text(client, "/feed/")


def test_category_rename_shows_on_list_and_article_pages(
    client, staff_client, article, django_capture_on_commit_callbacks
):
    category = article.category
    for url in ("/news/", category.get_absolute_url(), article.get_absolute_url()):
        assert "Company News" in get_text(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:articles_category_change", args=[category.pk]),
            {"name": "Press Releases", "slug": category.slug, "position": 1, "_save": "Save"},
        )
    assert response.status_code == 302

    for url in ("/news/", category.get_absolute_url(), article.get_absolute_url()):
        page = get_text(client, url)
        assert "Press Releases" in page, url
        assert "Company News" not in page, url


def test_publish_and_unpublish_actions_show_at_once(
    client, staff_client, make_article, django_capture_on_commit_callbacks
):
    draft = make_article(title="Board appoints new CEO", status=Article.Status.DRAFT)
    changelist = reverse("admin:articles_article_changelist")
    assert "Board appoints new CEO" not in get_text(client, "/news/")

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            changelist, {"action": "publish_selected", "_selected_action": [draft.pk]}
        )
    assert "Board appoints new CEO" in get_text(client, "/news/")
    assert client.get(draft.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            changelist, {"action": "unpublish_selected", "_selected_action": [draft.pk]}
        )
    assert "Board appoints new CEO" not in get_text(client, "/news/")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_bulk_writes_outside_the_admin_refresh_pages_too(
    client, article, category, django_capture_on_commit_callbacks
):
    get_text(client, "/news/")
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(title="Renamed in bulk")
    assert "Renamed in bulk" in get_text(client, "/news/")

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.bulk_create(
            [Article(title="Inserted in bulk", slug="inserted", category=category,
                     body="<p>x</p>", status=Article.Status.PUBLISHED, publish_at=timezone.now())]
        )  # fmt: skip
    assert "Inserted in bulk" in get_text(client, "/news/")


def test_scheduled_article_appears_when_its_time_comes_with_no_write(
    client, make_article, monkeypatch, django_assert_num_queries
):
    publish_at = timezone.now() + timedelta(hours=2)
    scheduled = make_article(title="Results go live at noon", publish_at=publish_at)
    assert "Results go live at noon" not in get_text(client, "/news/")
    with django_assert_num_queries(0):
        assert "Results go live at noon" not in get_text(client, "/news/")

    monkeypatch.setattr(timezone, "now", lambda: publish_at + timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        for url in ("/news/", "/", "/feed/"):
            assert "Results go live at noon" in get_text(client, url), url
        assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert all(query["sql"].startswith("SELECT") for query in queries.captured_queries)


def test_staff_see_live_pages_while_visitors_get_the_stored_one(client, staff_client, article):
    assert "Hydrogen plant opens" in get_text(client, article.get_absolute_url())
    # A write that skips every hook: only a page built now can show it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET title = %s WHERE id = %s", ["Draft headline", article.pk]
        )
    assert "Hydrogen plant opens" in get_text(client, article.get_absolute_url())
    assert "Draft headline" in get_text(staff_client, article.get_absolute_url())
    # A visitor holding a session (say, after sending a message) sees the live page as well.
    visitor = Client()
    session = visitor.session
    session["online_messages_sender"] = "Li Wei"
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    assert "Draft headline" in get_text(visitor, article.get_absolute_url())


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "x"},
        {"sessionid": "abcdefghijklmnopqrstuvwxyz012345"},  # well-formed, but no such session
        {"messages": "forged"},
        {"sessionid": "x", "messages": "W1siX19qc29uX21lc3NhZ2UiXV0:forged"},
    ],
)
def test_a_made_up_session_or_messages_cookie_gets_the_stored_page(
    client, article, cookies, django_assert_num_queries
):
    """A cookie that is no real session must not make every request build its page."""
    url = article.get_absolute_url()
    assert "Hydrogen plant opens" in get_text(client, url)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET title = %s WHERE id = %s", ["Draft headline", article.pk]
        )
    visitor = Client()
    for name, value in cookies.items():
        visitor.cookies[name] = value
    with django_assert_num_queries(
        1 if "sessionid" in cookies and len(cookies["sessionid"]) > 8 else 0
    ):
        page = get_text(visitor, url)
    assert "Hydrogen plant opens" in page
    assert "Draft headline" not in page


def test_no_cookie_csrf_token_or_font_size_goes_from_one_visitor_to_another(client, article):
    url = article.get_absolute_url()
    client.get("/message/")  # the form sets a CSRF cookie in this browser
    assert "csrftoken" in client.cookies
    client.cookies["newscenter:font-size"] = "large"
    first = client.get(url)

    other = Client()
    second = other.get(url)

    assert second.content == first.content
    for response in (first, second):
        assert not response.cookies
        assert "Set-Cookie" not in response
        page = response.content.decode()
        assert "csrfmiddlewaretoken" not in page
        assert "csrftoken" not in page
        assert page.count('aria-pressed="true"') == 1
        assert 'data-font-size="medium" aria-pressed="true"' in page
    assert not other.cookies


@pytest.mark.parametrize("url", ["/message/", "/search/?q=hydrogen"])
def test_message_form_and_search_are_built_for_each_visitor(client, article, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    if url == "/message/":
        # Each visitor gets a fresh token and its cookie: a stored copy would carry neither.
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "csrftoken" in response.cookies
    else:
        assert len(queries) > 0


def test_page_numbers_are_separate_entries(client, make_article):
    for n in range(25):
        make_article(title=f"Story {n:02d}", publish_at=timezone.now() - timedelta(hours=n))
    second, third = get_text(client, "/news/?page=2"), get_text(client, "/news/?page=3")
    assert "Story 10" in second and "Story 10" not in third
    assert "Story 20" in third and "Story 20" not in second
    assert get_text(Client(), "/news/?page=2") == second
    assert get_text(Client(), "/news/?page=3") == third


def test_tracking_parameters_share_the_page(client, article, django_assert_num_queries):
    page = get_text(client, "/news/")
    with django_assert_num_queries(0):
        assert get_text(Client(), "/news/?utm_source=mail&fbclid=abc123") == page


def test_host_and_language_are_part_of_the_key(client, article):
    url = article.get_absolute_url()
    assert "http://localhost/news/" in get_text(client, url, HTTP_HOST="localhost")
    assert "http://127.0.0.1/news/" in get_text(client, url, HTTP_HOST="127.0.0.1")
    assert "https://localhost/news/" in get_text(client, url, HTTP_HOST="localhost", secure=True)
    # The language is the address's: the browser's preferences do not change the page.
    assert '<html lang="en">' in get_text(Client(), "/news/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="zh-Hans">' in get_text(Client(), "/zh-hans/news/")
    assert '<html lang="en">' in get_text(Client(), "/news/", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_head_is_answered_from_the_cache(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    page = client.get(url)
    with django_assert_num_queries(0):
        head = Client().head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]
    assert head["Content-Type"] == page["Content-Type"]


def test_unchanged_page_answers_304_and_a_changed_one_200(
    client, article, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    article.title = "Hydrogen plant doubles output"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    changed = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Hydrogen plant doubles output" in changed.content.decode()
    assert changed["ETag"] != etag


def test_page_cache_off_builds_every_page(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        assert get_text(Client(), "/news/")
    assert len(queries) > 0


def test_a_write_refreshes_the_pages_only_once_it_is_committed(
    client, article, django_capture_on_commit_callbacks
):
    """A request that read the old rows must not store its page under a token set before COMMIT."""
    get_text(client, "/news/")
    with django_capture_on_commit_callbacks() as callbacks:
        Article.objects.filter(pk=article.pk).update(title="Not committed yet")
        Article.objects.filter(pk=article.pk).update(title="Still not committed")
    assert "Hydrogen plant opens" in get_text(client, "/news/")  # the stored page, still
    for callback in callbacks:
        callback()
    assert "Still not committed" in get_text(client, "/news/")


def test_many_writes_in_one_transaction_refresh_once(
    client, category, monkeypatch, django_capture_on_commit_callbacks
):
    refreshes = []
    monkeypatch.setattr(freshness, "replace_generation", lambda: refreshes.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(20):
            Article.objects.create(
                title=f"Imported {n}", category=category, body="<p>x</p>",
                status=Article.Status.PUBLISHED,
            )  # fmt: skip
    assert len(refreshes) == 1
