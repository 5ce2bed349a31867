"""The page cache under gunicorn with two workers sharing the default disk caches, as in production.

An editor's change made through the admin shows on the very next request, whichever worker
answers it; a scheduled article appears once its time passes, with no write at all.
"""

import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.gunicorn_server import manage, production_env, serve

pytestmark = pytest.mark.slow

REQUESTS = 10  # per check: with two workers, both answer some of them

CREATE_ARTICLE = """
from datetime import datetime
from zoneinfo import ZoneInfo
from django.conf import settings
from articles.models import Article, Category
category = Category.objects.create(name="Company News", slug="company-news")
article = Article.objects.create(
    title="Original headline", slug="hydrogen", category=category, summary="A summary.",
    body="<p>Body.</p>", status="published",
    publish_at=datetime(2024, 5, 1, 10, 0, tzinfo=ZoneInfo(settings.TIME_ZONE)),
)
print(article.pk, category.pk)
"""

SCHEDULE_ARTICLE = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
publish_at = timezone.now() + timedelta(seconds=6)
article = Article.objects.create(
    title="Scheduled announcement", slug="scheduled", category=Category.objects.get(),
    body="<p>Soon.</p>", status="published", publish_at=publish_at,
)
print(article.pk, publish_at.timestamp())
"""


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # Report the 302 itself instead of following it.


def fetch(url, data=None, opener=None):
    """(status, headers, body) of one request; a fresh connection, no cookies unless `opener`."""
    opener = opener or urllib.request.build_opener(KeepRedirects)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def visitor_pages(url):
    """REQUESTS anonymous GETs of `url`: each must be a 200 that sets no cookie."""
    pages = []
    for _ in range(REQUESTS):
        status, headers, body = fetch(url)
        assert status == 200, url
        assert headers.get("Set-Cookie") is None, url
        pages.append(body)
    return pages


def shell(env, code):
    """Run `code` in `manage.py shell` (the ORM, hooks and all); the numbers it printed."""
    output = manage(env, "shell", "--verbosity", "0", "-c", code, stdout=-1).stdout.split()
    return [float(word) if b"." in word else int(word) for word in output]


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("pagecache")
    database = tmp_path / "site.sqlite3"
    env = production_env(
        tmp_path,
        database,
        CACHE_URL="",  # the default: diskcache stores in CACHE_DIR
        CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_SUPERUSER_PASSWORD="a-long-test-password",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "createsuperuser", "--noinput", "--username", "chief", "--email", "c@example.com")
    created = shell(env, CREATE_ARTICLE)
    with serve(env, tmp_path / "gunicorn.log", "-w", "2") as base:
        yield {"base": base, "env": env, "database": database, "ids": created}


def log_in(base):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), KeepRedirects
    )
    login = base + "/admin/login/"
    form = {"username": "chief", "password": "a-long-test-password", "next": "/admin/"}
    form["csrfmiddlewaretoken"] = csrf_token(fetch(login, opener=opener)[2])
    assert fetch(login, form, opener)[0] == 302
    return opener


def test_admin_edit_shows_on_the_next_request_in_every_worker(site):
    base, (article_id, category_id) = site["base"], site["ids"]
    article_url, list_url = f"{base}/news/{article_id}/hydrogen/", f"{base}/news/"
    for url in (article_url, list_url):
        assert all("Original headline" in page for page in visitor_pages(url))

    # A change behind the application's back: the workers keep serving the stored pages,
    # while a logged-in editor sees the live one.
    with sqlite3.connect(site["database"]) as db:
        db.execute("UPDATE articles_article SET title = 'Unseen' WHERE id = ?", [article_id])
    assert all("Original headline" in page for page in visitor_pages(article_url))
    editor = log_in(base)
    assert "Unseen" in fetch(article_url, opener=editor)[2]

    change = f"{base}/admin/articles/article/{article_id}/change/"
    form = {
        "csrfmiddlewaretoken": csrf_token(fetch(change, opener=editor)[2]),
        "title": "Revised headline",
        "slug": "hydrogen",
        "category": category_id,
        "summary": "A summary.",
        "body": "<p>Body.</p>",
        "cover_alt": "",
        "status": "published",
        "publish_at_0": "2024-05-01",
        "publish_at_1": "10:00:00",
        "source": "",
        "_save": "Save",
    }
    assert fetch(change, form, editor)[0] == 302

    for url in (article_url, list_url):
        pages = visitor_pages(url)
        assert all("Revised headline" in page for page in pages), url
        assert not any("Original headline" in page or "Unseen" in page for page in pages), url


def test_hot_pages_survive_a_flood_of_query_strings_and_made_up_cookies(site):
    """Security review, finding 3: 400 query-string variants and fake sessions, then the pages."""
    base, (article_id, _category_id) = site["base"], site["ids"]
    slug = "hydrogen"
    hot = [
        "/",
        "/news/",
        f"/news/{article_id}/{slug}/",
        "/news/category/company-news/",
        "/feed/",
        "/feed/atom/",
        "/sitemap-articles.xml",
    ]
    stored = {url: fetch(base + url)[2] for url in hot}
    # Behind the application's back: only a page built from now on would show it.
    with sqlite3.connect(site["database"]) as db:
        db.execute(
            "UPDATE articles_article SET title = 'Rebuilt', slug = 'moved' WHERE id = ?",
            [article_id],
        )
    opener = urllib.request.build_opener(KeepRedirects)
    opener.addheaders = [("Cookie", "sessionid=x; messages=forged")]
    for n in range(1, 401):
        assert fetch(f"{base}/robots.txt?page={n}")[0] == 200
        assert fetch(f"{base}/news/?page={n:02d}")[0] in (301, 404)
        if n % 10 == 0:
            assert fetch(base + hot[n // 10 % len(hot)], opener=opener)[0] == 200
    for url in hot:
        status, _headers, body = fetch(base + url)
        assert status == 200, url
        assert body == stored[url], f"{url} was built again: it had left the cache"
    with sqlite3.connect(site["database"]) as db:
        db.execute(
            "UPDATE articles_article SET title = 'Revised headline', slug = ? WHERE id = ?",
            [slug, article_id],
        )


def test_scheduled_article_appears_once_its_time_passes(site):
    base = site["base"]
    article_id, moment = shell(site["env"], SCHEDULE_ARTICLE)
    article_url, list_url = f"{base}/news/{article_id}/scheduled/", f"{base}/news/"

    while time.time() < moment - 1:
        assert "Scheduled announcement" not in fetch(list_url)[2]
        assert fetch(article_url)[0] == 404
        time.sleep(0.5)
    time.sleep(max(0, moment - time.time()) + 0.5)  # real time passing is the condition here

    assert all("Scheduled announcement" in page for page in visitor_pages(list_url))
    assert fetch(article_url)[0] == 200


def test_static_files_are_cached_for_a_year_under_hashed_names(site):
    home = fetch(site["base"] + "/")[2]
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    status, headers, _body = fetch(site["base"] + stylesheet)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
