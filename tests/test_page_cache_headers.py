"""What public pages tell browsers and a CDN in front: a short `s-maxage` for a CDN and `max-age=0`
for browsers (an edit shows at once) on the pages the cache shares, `private` for the same pages
built for a session, nothing shared for the rest."""

import pytest

from newscenter.caches import caches
from tests.gunicorn_server import free_port
from tests.messages import FORM_URL


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/news/", "/feed/", "/sitemap.xml"])
def test_a_cdn_may_keep_a_public_page_a_minute_when_built_and_when_served_from_the_cache(
    client, make_article, path
):
    make_article()
    built, hit = client.get(path), client.get(path)
    assert directives(built) == directives(hit) == {"public", "max-age=0", "s-maxage=60"}
    assert hit["ETag"] == built["ETag"]


def test_a_browser_asking_again_gets_not_modified(client, make_article):
    make_article()
    etag = client.get("/news/")["ETag"]
    assert client.get("/news/", headers={"If-None-Match": etag}).status_code == 304


def test_a_cdn_may_keep_the_article_page_for_the_configured_time(client, make_article, settings):
    settings.PAGE_CDN_MAX_AGE = 300
    response = client.get(make_article().get_absolute_url())
    assert directives(response) == {"public", "max-age=0", "s-maxage=300"}


def test_a_page_built_for_a_session_is_private(client, make_article, editor):
    article = make_article(title="Hydrogen plant opens")
    client.get(article.get_absolute_url())  # a public copy is cached meanwhile
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "private" in directives(response)
    assert "public" not in directives(response)


@pytest.mark.parametrize("path", [FORM_URL, "/search/?q=hydrogen", "/admin/login/"])
def test_pages_built_for_each_request_are_not_shared(client, db, path):
    assert "public" not in directives(client.get(path))


def test_a_missing_page_is_not_shared(client, db):
    response = client.get("/news/no-such-article/")
    assert response.status_code == 404
    assert "public" not in directives(response)


def test_a_page_built_while_the_cache_is_unreachable_may_still_be_shared(
    client, make_article, settings
):
    settings.CACHES = caches(f"redis://127.0.0.1:{free_port()}/0", None, 1)
    make_article()
    response = client.get("/news/")
    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=0", "s-maxage=60"}
