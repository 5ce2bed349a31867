"""Two hosts share everything a visitor or an editor notices: pages, media, logins, limits."""

import io
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.cluster.site import (
    accepted,
    article_field,
    edit_article,
    english_article,
    filled_message,
    served_from_cache,
    served_message_forms,
    stored_messages,
)
from tests.cluster.web import Browser

pytestmark = pytest.mark.cluster


def test_an_edit_saved_on_host_a_shows_on_host_b_cached_page(cluster, editor):
    article_id, path = english_article(cluster)
    visitor_on_b = cluster.browser("host-b")
    for _request in range(2):
        assert visitor_on_b.get(path).status == 200
    assert served_from_cache(cluster, visitor_on_b, article_id, path)

    title = f"Cluster edit {uuid.uuid4().hex[:8]}"
    edit_article(editor, article_id, title=title)

    assert article_field(cluster, article_id, "title") == title
    page = visitor_on_b.get(path)
    assert page.status == 200
    assert title in page.text


def test_an_image_uploaded_on_host_a_shows_on_host_b_from_the_bucket(cluster, editor):
    article_id, path = english_article(cluster, offset=1)
    image = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(image, "PNG")
    upload = editor.post(
        "/ckeditor/upload/",
        {},
        files={"upload": ("cluster-red.png", image.getvalue(), "image/png")},
        headers={"X-CSRFToken": editor.cookies["csrftoken"]},
    )
    assert upload.status == 200, upload.text
    url = upload.json()["url"]

    body = article_field(cluster, article_id, "body")
    edit_article(editor, article_id, body=f'{body}<p><img src="{url}" alt="A red square"></p>')

    page = cluster.browser("host-b").get(path)
    assert page.status == 200
    sources = re.findall(r'<img[^>]* src="([^"]+)"', page.text)
    assert url in sources
    # The bucket's origin is one the page's Content-Security-Policy lets images come from.
    address = urlsplit(url)
    policy = page.headers["Content-Security-Policy"]
    image_sources = re.search(r"img-src ([^;]*)", policy).group(1).split()
    assert f"{address.scheme}://{address.netloc}" in image_sources

    with Image.open(io.BytesIO(fetch(url))) as shown:
        assert shown.size == (64, 48)
    key = address.path.split("/", 2)[2]  # /bucket/key
    assert key in cluster.bucket_keys()
    for host in ("a", "b"):
        media = Path(cluster.config["hosts"][host]) / "media"
        assert not [item for item in media.rglob("*") if item.is_file()]


def fetch(url):
    address = urlsplit(url)
    response = Browser(address.port).get(address.path)
    assert response.status == 200, f"{url} answered {response.status}"
    return response.body


def test_a_login_on_host_a_is_a_login_on_host_b(cluster, editor):
    on_b = cluster.browser("host-b", cookies=editor.cookies)
    index = on_b.get("/admin/")
    assert index.status == 200
    assert "Site administration" in index.text


def test_the_sixth_message_from_one_address_is_refused_whichever_host_takes_it(cluster):
    # The address nginx would have appended (DJANGO_TRUSTED_PROXY_COUNT=1).
    sender = "198.51.100.23"
    senders = ("host-a", "host-b") * 3
    # Each form is served by one host and sent to the other: they share the key that signs it.
    servers = [cluster.browser(name, forwarded_for=sender) for name in senders[1:] + senders[:1]]
    forms = served_message_forms(servers)
    marker = uuid.uuid4().hex
    responses = []
    for number, (name, server, form) in enumerate(zip(senders, servers, forms, strict=True)):
        host = cluster.browser(name, forwarded_for=sender, cookies=server.cookies)
        responses.append(host.post("/message/", filled_message(form, f"Limit {marker} #{number}")))
    assert [accepted(response) for response in responses] == [True] * 5 + [False]
    assert responses[-1].status == 429
    assert len(stored_messages(cluster, marker)) == 5
