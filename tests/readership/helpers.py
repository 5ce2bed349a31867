"""What the article-view tests share: posting the beacon, running a batch, the totals."""

from pathlib import Path

from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import DailyViews

SETTINGS_MODULE = Path(__file__).resolve().parents[2] / "newscenter" / "article_views.py"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
SAME_ORIGIN = {"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin"}
NOON = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


def beacon(article_or_pk, client=None, ip="203.0.113.7", **headers):
    """POST to an article's beacon as a browser on this site would; a header given as None
    is left out."""
    pk = getattr(article_or_pk, "pk", article_or_pk)
    client = client or Client()
    headers = {
        name: value for name, value in {**SAME_ORIGIN, **headers}.items() if value is not None
    }
    return client.post(reverse("articles:read", args=[pk]), headers=headers, REMOTE_ADDR=ip)


def write_batch():
    call_command("write_article_views", verbosity=0)


def stored_views(article=None):
    rows = DailyViews.objects.filter(article=article) if article else DailyViews.objects.all()
    return rows.aggregate(total=Sum("views"))["total"] or 0
