"""The beacon an article page sends once per browser session (static/js/reading.js)."""

import logging
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..models import Article
from .batch import write_views_task
from .counters import PREFIX, allow_beacon, count_view

logger = logging.getLogger(__name__)

QUEUED_KEY = PREFIX + "queued"
# Crawlers, link previews, monitors, HTTP libraries and headless browsers: not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrap|archiv|preview|monitor|check|headless|phantom|lighthouse"
    r"|facebookexternalhit|embedly|whatsapp|curl|wget|python|java/|go-http|okhttp|axios"
    r"|node-fetch|libwww|httpclient",
    re.IGNORECASE,
)
# Enough of a user agent to tell; a longer one is not read further.
USER_AGENT_READ = 512


@csrf_exempt  # a cached page carries no token; cross-site requests are refused below instead
@never_cache
@require_POST
def read(request, pk):
    """Count one view of a published article: 204, or 204 uncounted for staff and bots.

    Each check costs less than the next: headers, a cache counter, the session, one query.
    """
    if is_cross_site(request):
        return HttpResponse(status=403)
    if is_bot(request.headers.get("User-Agent", "")):
        return HttpResponse(status=204)
    try:
        return counted(request, pk)
    except Exception:
        # The cache (Redis restarting, say) or the database is unreachable: this view goes
        # uncounted, and the reader, whose page never waits for the beacon, notices nothing.
        logger.exception("Could not count a view of article %s.", pk)
        return HttpResponse(status=204)


def counted(request, pk):
    """The counting: 429 past the address's limit, 404 for an article not published, else 204."""
    allowed, retry_after = allow_beacon(getattr(request, "client_ip", None))
    if not allowed:
        return HttpResponse(status=429, headers={"Retry-After": str(retry_after)})
    if request.user.is_staff:
        return HttpResponse(status=204)
    if not Article.objects.published().filter(pk=pk).exists():
        return HttpResponse(status=404)
    count_view(pk)
    queue_batch()
    return HttpResponse(status=204)


def is_cross_site(request):
    """Whether another site sent the request: by Sec-Fetch-Site, else by Origin. A request
    with neither did not come from a browser page, ours or another's."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site != "same-origin"
    origin = request.headers.get("Origin", "")
    # The host alone: behind a proxy that ends TLS the request's scheme may differ.
    return urlsplit(origin).netloc.lower() != request.get_host().lower()


def is_bot(user_agent):
    return not user_agent.strip() or BOT_PATTERN.search(user_agent[:USER_AGENT_READ]) is not None


def queue_batch():
    """Queue the batch writer at most once per ARTICLE_VIEWS_WRITE_INTERVAL, to run at its end,
    so that it takes in every view counted meanwhile. A failure is logged, never shown."""
    interval = settings.ARTICLE_VIEWS_WRITE_INTERVAL
    if not cache.add(QUEUED_KEY, True, interval):
        return
    try:
        if write_views_task.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(seconds=interval)
            write_views_task.using(run_after=run_after).enqueue()
        else:
            write_views_task.enqueue()  # in-process (`make run`): now
    except Exception:
        logger.exception("Could not queue the article views batch; trying again in %ss.", interval)
