"""The page cache: anonymous visitors get the public pages from Django's cache framework.

It sits below WhiteNoise and ConditionalGetMiddleware (so hits get their 304s too) and above the
session, CSRF and auth middleware, so that a hit costs one cache round trip and no session load
or SQL query. Freshness is articles.cache's job.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, set_response_etag

from . import cache as page_cache

logger = logging.getLogger(__name__)

# Pages that only the published articles and categories determine. Search is left out: its
# free-text `q` is an unbounded key space that would push the hot pages out of a small cache,
# and its index answers fast enough. So are the message form, admin and preview (never_cache).
CACHED_VIEWS = {
    "home",
    "articles:list",
    "articles:category",
    "articles:detail",
    "feed",
    "feed-atom",
    "sitemap",
    "sitemap-section",
    "robots",
}
# The only query parameters those pages read: list pages' `page`, the sitemap's `p`. Others
# (utm_source, fbclid, …) don't change them, so a shared link still hits.
KEY_PARAMETERS = ("page", "p")
# A page varying on anything else than the language (part of the key) is not shared.
SHAREABLE_VARY = {"accept-language"}
PRIVATE_CACHE_CONTROL = {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_use_cache(request):
            return self.get_response(request)
        key = page_key(request)
        try:
            token, entry = page_cache.lookup(key)
        except Exception:
            logger.exception("Page cache unavailable; serving %s uncached.", request.path)
            return self.get_response(request)
        if entry is not None:
            _token, content, headers = entry
            return HttpResponse(content, headers=headers)

        response = self.get_response(request)
        if request.method == "GET" and may_store(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # so hits answer If-None-Match without hashing
            try:
                page_cache.store(key, token, response.content, tuple(response.items()))
            except Exception:
                logger.exception("Could not store %s in the page cache.", request.path)
        return response

    @staticmethod
    def may_use_cache(request):
        """Anonymous reads only: a session (staff, a sender) or pending messages see live pages."""
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES
        )


def page_key(request):
    """Scheme, host, language, path and the parameters the page reads, hashed to a fixed size."""
    # LocaleMiddleware has not run yet: resolve the language the way it will.
    language = translation.get_language_from_request(request)
    parameters = ""
    if request.META.get("QUERY_STRING"):
        parameters = urlencode(
            [(name, value) for name in KEY_PARAMETERS for value in request.GET.getlist(name)]
        )
    parts = (request.scheme, request.get_host(), language, request.path, parameters)
    digest = hashlib.blake2b("\n".join(parts).encode(errors="backslashreplace"), digest_size=16)
    return page_cache.PAGE_KEY_PREFIX + digest.hexdigest()


def may_store(request, response):
    """A public 200 of a cached view that sets no cookie and is the same for every visitor."""
    match = request.resolver_match
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if match is None or match.view_name not in CACHED_VIEWS:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return vary <= SHAREABLE_VARY and not cache_control & PRIVATE_CACHE_CONTROL
