"""Django's side of the publish phase (bench/publish.py), run with the measured server's
environment, page cache on.

It loads Django and the newest published article (the top of the home page and the News
Center), prints a JSON line, reads a moment (seconds since the epoch) from stdin, waits for it,
saves the article, which makes every cached page stale, and prints a JSON line of what it did.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newscenter.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402


def main():
    article = Article.objects.published().order_by("-publish_at", "-id").first()
    connection.ensure_connection()
    print(json.dumps({"article": article.pk, "url": article.get_absolute_url()}), flush=True)
    moment = float(sys.stdin.readline())
    time.sleep(max(0.0, moment - time.time()))
    started = time.time()
    article.save()
    finished = time.time()
    print(
        json.dumps(
            {
                "article": article.pk,
                "saved_at": round(started, 3),
                "late_ms": round((started - moment) * 1000, 1),
                "save_ms": round((finished - started) * 1000, 1),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
