"""Django's side of the benchmark, run by bench/run.py with the measured server's environment.

`pages.py urls` prints the addresses of the pages to measure in the benchmark database (the
tag page is the most used tag's); `pages.py queries URL…` how many SQL queries each costs,
uncached; `pages.py matches QUERY…` how many published articles each search query finds. All
print JSON.
"""

import json
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newscenter.settings")
os.environ["PAGE_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, Category  # noqa: E402
from bench.targets import CHINESE  # noqa: E402


def urls():
    """The pages of the default language, unprefixed: they list its articles only."""
    published = Article.objects.published().in_language(settings.LANGUAGE_CODE)
    count = published.count()
    article = published.order_by("id")[count // 2]  # one from the middle of the archive
    pages = {
        "home": "/",
        "list": "/news/",
        "last page": f"/news/?page={max(1, math.ceil(count / settings.NEWS_PAGE_SIZE))}",
        "category": Category.objects.first().get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": tag_url(published),
        "feed": "/feed/",
    }
    return {page: url for page, url in pages.items() if url}


def tag_url(articles):
    """The page of the tag on most of `articles`."""
    uses = Count("article", filter=Q(article__in=articles))
    tag = Tag.objects.annotate(uses=uses).order_by("-uses", "pk").first()
    return reverse("articles:tag", kwargs={"slug": tag.slug}) if tag else None


def queries(addresses):
    """Each URL is fetched once first: an article page records its renditions on first view."""
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for url in addresses:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[url] = len(captured) if response.status_code == 200 else None
    return counts


def matches(search_queries):
    """The articles each query finds, in the language of its search page (see run.search_url)."""
    return {
        query: Article.objects.published()
        .in_language("zh-hans" if CHINESE.search(query) else settings.LANGUAGE_CODE)
        .search(query)
        .count()
        for query in search_queries
    }


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "urls":
        print(json.dumps(urls()))
    else:
        print(json.dumps({"queries": queries, "matches": matches}[command](arguments)))
