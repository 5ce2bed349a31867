"""The page cache's middleware, and ``cacheable``, which marks the views it may store.

It sits right below ConditionalGetMiddleware (so hits get their 304s too) and above every
other middleware, so that a hit costs two cache reads and nothing else: a page is stored with
the headers the middleware below added to it (security headers, the CSP), which are the same
for every visitor of that scheme and host. Freshness is pagecache.freshness's job.

The pages it may store also tell a CDN in front that it may keep them for PAGE_CDN_MAX_AGE
seconds (`Cache-Control: public, s-maxage`), and browsers to ask again each time (`max-age=0`,
answered by a 304 while the ETag holds), so that an edit shows at once; built for a session, the
same pages say `private`, so that no shared cache ever keeps one.
"""

import functools
import hashlib
import logging
from importlib import import_module

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control

from . import compression, freshness

logger = logging.getLogger(__name__)

# The attribute that `cacheable` puts on a view: {parameter: canonical value function}.
PARAMETERS = "page_cache_parameters"
# A page varying on a request header is not shared: its key holds the address alone.
SHAREABLE_VARY = set()
PRIVATE_CACHE_CONTROL = {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The cookies are checked last: a real session costs a lookup, needless off these pages.
        key = page_key(request) if self.may_use_cache(request) else None
        if key is None:
            return self.get_response(request)
        if has_session(request) or has_messages(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)  # built for this visitor alone
            return response
        try:
            found = freshness.lookup(key)
        except Exception:
            logger.exception("Page cache unavailable; serving %s uncached.", request.path)
            response = self.get_response(request)
            shared(request, response)
            return response
        accept_encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if found.entry is not None:
            _token, headers, bodies = found.entry
            return compression.stored_response(headers, bodies, accept_encoding)

        page = None
        try:
            response = self.get_response(request)
            if shared(request, response) and request.method == "GET":
                page = compression.compressed(response)
                stored(key, found.token, page)
        finally:
            if found.rebuilding:
                freshness.give_up(key)
        return response if page is None else compression.stored_response(*page, accept_encoding)

    @staticmethod
    def may_use_cache(request):
        """Reads only; and then, for a cacheable page, anonymous ones: a real session (staff, a
        sender) or real pending messages see live pages, while a made-up cookie gets the cached
        page, so that it cannot be used to make every request build its page."""
        return settings.PAGE_CACHE_ENABLED and request.method in ("GET", "HEAD")


def shared(request, response):
    """Whether `response` is a public page (may_store); if so, it now says that a CDN may keep
    it for PAGE_CDN_MAX_AGE seconds. Stored with the page, so every hit says the same."""
    if not may_store(request, response):
        return False
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CDN_MAX_AGE)
    return True


def stored(key, token, page):
    try:
        freshness.store(key, token, *page)
    except Exception:
        logger.exception("Could not store page %s in the page cache.", key)


def has_session(request):
    """Whether the request carries the cookie of a live session that holds anything."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    # A malformed key is dropped without a query; a well-formed one costs one lookup.
    return session.session_key is not None and bool(session.load())


def has_messages(request):
    """Whether the request carries messages to show (a forged cookie fails its signature)."""
    if CookieStorage.cookie_name not in request.COOKIES:
        return False
    return any(True for _message in CookieStorage(request))


def cacheable(view, **parameters):
    """`view`, marked as one whose pages the cache may store (see the package's docstring)."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(cached_view, PARAMETERS, parameters)
    return cached_view


def page_key(request):
    """The cache key of a cacheable page, or None when the view must answer it.

    Scheme, host, language, path and the canonical values of the parameters the view reads,
    hashed to a fixed size. A value written any other way than the page's own address has no
    key: the view redirects it, or answers 404.
    """
    # The language comes from the address (its prefix, else the default language), never from
    # the browser's headers or cookies. Language prefixes match the active language, and the
    # middleware that activates it runs later: resolve in it here.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    parameters = view_parameters(request.path_info, settings.ROOT_URLCONF, language)
    if parameters is None:
        return None
    values = []
    for name, canonical in parameters.items():
        value = canonical(request.GET.getlist(name))
        if value is None:
            return None
        values.append(value)
    parts = (request.scheme, request.get_host(), language, request.path, *values)
    digest = hashlib.blake2b("\n".join(parts).encode(errors="backslashreplace"), digest_size=16)
    return freshness.PAGE_KEY_PREFIX + digest.hexdigest()


@functools.lru_cache(maxsize=1024)
def view_parameters(path, urlconf, language):
    """The parameters `cacheable` gave the view of `path`, or None: not a cacheable page.

    Remembered for the most recent paths: resolving costs more than the rest of the key, and
    every request asks, static files included. At most that many paths, whatever is requested.
    """
    try:
        with translation.override(language):
            return getattr(resolve(path, urlconf).func, PARAMETERS, None)
    except Resolver404:
        return None


@receiver(setting_changed)
def forget_view_parameters(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE"}:
        view_parameters.cache_clear()


def may_store(request, response):
    """A public 200 of a cached view that sets no cookie and is the same for every visitor."""
    match = request.resolver_match
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if match is None or not hasattr(match.func, PARAMETERS):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return vary <= SHAREABLE_VARY and not cache_control & PRIVATE_CACHE_CONTROL
