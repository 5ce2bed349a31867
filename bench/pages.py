"""Django's side of the benchmark, run by bench/run.py with the measured server's environment.

`pages.py urls` prints the addresses to measure in the benchmark database; `pages.py queries
URL…` prints how many SQL queries each costs, uncached. Both print JSON.
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Category  # noqa: E402


def urls(search_word):
    published = Article.objects.published()
    count = published.count()
    article = published.order_by("id")[count // 2]  # one from the middle of the archive
    return {
        "home": "/",
        "list": "/news/",
        "last page": f"/news/?page={max(1, math.ceil(count / settings.NEWS_PAGE_SIZE))}",
        "category": Category.objects.first().get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": f"/search/?q={search_word}",
        "feed": "/feed/",
    }


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


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    result = urls(*arguments) if command == "urls" else queries(arguments)
    print(json.dumps(result))
