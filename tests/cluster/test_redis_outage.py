"""Redis away for a few seconds: the site goes on without its cache, then uses it again."""

import time
import uuid

import pytest

from tests.cluster.site import (
    accepted,
    english_article,
    filled_message,
    served_from_cache,
    served_message_forms,
    stored_messages,
)

pytestmark = pytest.mark.cluster

OUTAGE_SECONDS = 5


def test_pages_and_messages_go_on_while_redis_is_down_and_the_cache_comes_back(cluster):
    article_id, article = english_article(cluster, offset=2)
    visitor = cluster.browser()
    sender = cluster.browser(source="127.0.0.200")
    cluster.command("stop-redis")
    stopped = time.monotonic()
    try:
        for path in ("/", "/news/", article):
            for _request in range(2):  # once on each host
                response = visitor.get(path)
                assert response.status == 200, f"{path} answered {response.status}"

        (form,) = served_message_forms([sender])
        marker = uuid.uuid4().hex
        response = sender.post("/message/", filled_message(form, f"Redis down {marker}"))
        assert accepted(response), response.status
        assert stored_messages(cluster, marker) == {f"Redis down {marker}": 1}

        time.sleep(max(0, OUTAGE_SECONDS - (time.monotonic() - stopped)))
    finally:
        cluster.command("start-redis")

    # The first request after Redis returns stores the page again; the next ones, on either
    # host, are served from the cache.
    for _request in range(2):
        assert visitor.get(article).status == 200
    assert served_from_cache(cluster, visitor, article_id, article)
