"""Security headers on public pages and the admin: CSP, frame denial, referrer, nosniff, COOP."""

from html.parser import HTMLParser

import pytest
from django.test import RequestFactory

from newscenter.middleware import is_loopback_host

PUBLIC_PAGES = ["/", "/news/", "article", "/message/"]


@pytest.fixture
def article(make_article):
    return make_article(title="Hydrogen trucks", body="<p>Body <strong>text</strong>.</p>")


def url_of(page, article):
    return article.get_absolute_url() if page == "article" else page


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_common_headers(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_sends_every_security_header(client, article, page):
    response = client.get(url_of(page, article))
    assert response.status_code == 200
    assert_common_headers(response)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_policy_allows_no_inline_script_or_style(client, article, page):
    csp = policy(client.get(url_of(page, article)))
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_headers_are_sent_on_a_repeated_possibly_cached_page(client, article, page):
    client.get(url_of(page, article))
    response = client.get(url_of(page, article))
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response)["script-src"] == ["'self'"]


class InlineCodeFinder(HTMLParser):
    """Collect what a no-inline CSP would block: inline scripts, style attributes and
    elements, and event handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # JSON and JSON-LD (the article's NewsArticle) are data blocks: browsers never run them.
        data_block = attrs.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and "src" not in attrs and not data_block:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        self.found += [f"{tag} {name}=" for name in attrs if name == "style" or name[:2] == "on"]


@pytest.mark.parametrize("page", [*PUBLIC_PAGES, "/search/?q=hydrogen", "/message/thanks/"])
def test_public_pages_have_no_inline_code_for_the_policy_to_block(client, article, page):
    response = client.get(url_of(page, article))
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.found == []


def test_admin_login_sends_every_security_header_and_the_strict_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response)["script-src"] == ["'self'"]


def test_admin_message_inbox_keeps_the_strict_policy(admin_client):
    """Staff read what visitors wrote there: no inline script may run."""
    response = admin_client.get("/admin/online_messages/message/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/admin/articles/article/add/", "/ckeditor/browse/"])
def test_editor_pages_allow_the_inline_code_ckeditor_needs_and_nothing_more(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert_common_headers(response)
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp["script-src"]


def test_editor_policy_on_an_existing_articles_change_page(admin_client, article):
    response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "'unsafe-inline'" in policy(response)["script-src"]
    history = admin_client.get(f"/admin/articles/article/{article.pk}/history/")
    assert policy(history)["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    "path",
    [
        "/ckeditor/nonexistent/",  # a 404 under the editor's prefix
        "/ckeditor/upload/%0A",
        "/admin/articles/article/add/%0A",  # `$` in a regex matches before a final newline
    ],
)
def test_addresses_that_only_look_like_the_editor_get_the_strict_policy(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 404
    assert_common_headers(response)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]


# --- HTTPS -----------------------------------------------------------------------------------


@pytest.fixture
def https_on(settings, db):
    """The production defaults (pytest runs with DJANGO_HTTPS=off)."""
    settings.ALLOWED_HOSTS = ["news.example.com", "localhost", "127.0.0.1", "[::1]"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


def test_plain_http_request_is_redirected_to_https(client, https_on):
    response = client.get("/news/?page=2", headers={"host": "news.example.com"})
    assert response.status_code == 301
    assert response["Location"] == "https://news.example.com/news/?page=2"


def test_https_response_carries_hsts_for_a_year_with_subdomains(client, https_on):
    response = client.get("/", secure=True, headers={"host": "news.example.com"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_loopback_host_is_served_over_plain_http(client, https_on, host):
    response = client.get("/", headers={"host": host})
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert_common_headers(response)


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("localhost", True),
        ("127.0.0.1:8000", True),
        ("127.1.2.3", True),
        ("[::1]:8000", True),
        ("news.example.com", False),
        ("localhost.example.com", False),
        ("127.0.0.1.example.com", False),
        ("10.0.0.1", False),
        ("", False),
    ],
)
def test_only_loopback_hosts_count_as_loopback(host, loopback):
    request = RequestFactory().get("/", headers={"host": host} if host else {})
    request.META.pop("SERVER_NAME", None)
    if not host:
        request.META.pop("HTTP_HOST", None)
    assert is_loopback_host(request) is loopback
