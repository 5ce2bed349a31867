"""A scheduled article goes live on every host at its moment: no host is "the" host, and no
cron job or worker has to run for it."""

import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.cluster.site import article_field, edit_article, english_article

pytestmark = pytest.mark.cluster

# The admin reads dates in the site's time zone (DJANGO_TIME_ZONE's default).
SITE_TIME_ZONE = ZoneInfo("Asia/Shanghai")
DELAY_SECONDS = 8


def test_an_article_scheduled_on_host_a_goes_live_on_host_b_at_its_moment(cluster, editor):
    article_id, _path = english_article(cluster, offset=3)
    title = f"Scheduled on A {uuid.uuid4().hex[:8]}"
    moment = datetime.now(SITE_TIME_ZONE).replace(microsecond=0) + timedelta(seconds=DELAY_SECONDS)
    edit_article(
        editor,
        article_id,
        title=title,
        status="published",
        publish_at_0=moment.strftime("%Y-%m-%d"),
        publish_at_1=moment.strftime("%H:%M:%S"),
    )
    assert article_field(cluster, article_id, "title") == title

    on_b = cluster.browser("host-b")
    for _request in range(2):  # built, then served from B's cache: either way not yet shown
        news = on_b.get("/news/")
        assert news.status == 200
        assert title not in news.text

    time.sleep(max(0, moment.timestamp() - time.time()) + 1)
    for name in ("host-b", "host-a"):
        news = cluster.browser(name).get("/news/")
        assert news.status == 200
        assert title in news.text, f"{name} does not list the article once its moment passed"
