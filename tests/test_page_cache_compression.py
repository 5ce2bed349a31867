"""Cached public pages are sent Brotli- or gzip-compressed, as the browser accepts; pages with a
CSRF token or a session's data never are (BREACH: README, "Page cache")."""

import gzip

import brotli
import pytest
from django.test import Client
from django.urls import reverse

from pagecache.compression import preferred_encoding

BROWSER = "gzip, deflate, br, zstd"


@pytest.fixture
def article(make_article):
    return make_article(title="Hydrogen plant opens")


def identity(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    return response.content


@pytest.mark.parametrize("url", ["/", "/news/", "/feed/", "/sitemap.xml", "/robots.txt"])
@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [(BROWSER, "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
def test_public_pages_come_compressed_and_decompress_to_the_page(
    client, article, url, accept, encoding, decompress
):
    plain = identity(client, url)
    for _stored_then_hit in range(2):
        response = Client().get(url, HTTP_ACCEPT_ENCODING=accept)
        assert response["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content) < len(plain)
        assert decompress(response.content) == plain


def test_an_article_page_is_compressed_on_the_first_visit_too(client, article):
    url = article.get_absolute_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
    assert first["Content-Encoding"] == "br"
    assert b"Hydrogen plant opens" in brotli.decompress(first.content)


def test_refused_encodings_are_not_sent(client, article):
    for accept in ("identity", "br;q=0, gzip;q=0", "*;q=0", "compress"):
        response = client.get("/news/", HTTP_ACCEPT_ENCODING=accept)
        assert not response.has_header("Content-Encoding"), accept
        assert b"Hydrogen plant opens" in response.content


def test_every_encoding_shares_one_weak_etag_that_answers_304(client, article):
    plain = client.get("/news/")
    compressed = client.get("/news/", HTTP_ACCEPT_ENCODING=BROWSER)
    assert plain["ETag"].startswith('W/"')
    assert compressed["ETag"] == plain["ETag"]
    again = client.get(
        "/news/", HTTP_ACCEPT_ENCODING=BROWSER, HTTP_IF_NONE_MATCH=compressed["ETag"]
    )
    assert again.status_code == 304


def test_the_message_form_with_its_csrf_token_is_never_compressed(client):
    response = client.get(reverse("online_messages:create"), HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def test_pages_seen_by_staff_are_never_compressed(client, article, editor):
    identity(client, "/news/")  # stored for visitors
    staff = Client()
    staff.force_login(editor)
    response = staff.get("/news/", HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("br", "br"),
        ("gzip, br", "br"),
        ("gzip;q=0.5, br;q=0.8", "br"),
        ("br;q=0, gzip", "gzip"),
        ("BR", "br"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("br;q=nonsense, gzip;q=", None),
        ("deflate", None),
        ("x" * 10_000 + ", br", None),  # read no further than an honest header goes
    ],
)
def test_preferred_encoding_reads_accept_encoding(header, expected):
    assert preferred_encoding(header) == expected
