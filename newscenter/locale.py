"""The language of a request, and the links between the languages of a page.

Public pages take their language from the address alone: /zh-hans/news/ is Chinese and /news/
the default language (LANGUAGE_CODE), whatever the browser prefers. So a page is the same for
every visitor at its address (the page cache and shared caches store one copy), and nobody is
redirected away from the address they followed. Django's LocaleMiddleware would do the same
for the unprefixed pages, but mark every one as varying on Accept-Language.

The staff's pages (the admin, the editor's uploads) have no prefix, and follow the browser.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from articles.addresses import fixed_address


class LanguageMiddleware:
    # The unprefixed addresses that are in the language the browser asks for.
    browser_language_paths = ("/admin/", "/ckeditor/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        follows_browser = request.path_info.startswith(self.browser_language_paths)
        if follows_browser:
            language = translation.get_language_from_request(request)
        else:
            language = address_language(request.path_info)
        # Back to the default afterwards, for whatever this thread does next.
        with translation.override(language, deactivate=True):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        if follows_browser:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


def address_language(path):
    """The language of a public address: its prefix's, else the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def language_links(request, translations=None):
    """[{code, tag, name, url, exists, default, suggestion}] for each language, the active one
    first; `suggestion` is the first-visit note's text.

    `translations` ({code: url}) names the page in each language where it exists (an
    article's published translations); without it, the page is at the same address under
    each language's prefix. Where it does not exist, `url` is that language's News Center.
    """
    active = translation.get_language()
    match = request.resolver_match
    if translations is None and (match is None or not match.view_name):
        translations = {active: request.path}  # an error page: nothing to link to
    if translations is not None:
        return links_between(active, translations.get)
    kwargs = tuple(match.kwargs.items())
    return same_address_links(
        active, match.view_name, tuple(match.args), kwargs, get_urlconf(), get_script_prefix()
    )


@functools.lru_cache(maxsize=1024)
def same_address_links(active, view_name, args, kwargs, urlconf, script_prefix):
    """language_links() of a page that every language has at its own prefix, once per page
    and language: a reverse() under each language costs more than a list card."""

    def address(code):
        return reverse(view_name, args=args, kwargs=dict(kwargs), urlconf=urlconf)

    return links_between(active, address)


def links_between(active, address):
    """The links for each language, `address(code)` giving the page's address in that language
    (under it, active) or None where the page does not exist."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = address(code)
            exists = url is not None
            if not exists:
                url = fixed_address("articles:list")
            name = translation.get_language_info(code)["name_local"]
        # The first-visit note (static/js/language-suggestion.js), in the page's language: each
        # page holds its own language only. The language's name is in that language.
        if exists:
            suggestion = gettext("Read this page in %(language)s") % {"language": name}
        else:
            suggestion = gettext("Read the News Center in %(language)s") % {"language": name}
        links.append(
            {
                "code": code,
                "tag": language_tag(code),
                "name": name,
                "url": url,
                "exists": exists,
                "default": code == settings.LANGUAGE_CODE,
                "suggestion": suggestion,
            }
        )
    links.sort(key=lambda link: link["code"] != active)
    return links


@receiver(setting_changed)
def forget_links(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES", "LOCALE_PATHS"}:
        same_address_links.cache_clear()


def language_tag(code=None):
    """The BCP 47 tag of a language (the active one by default): en, zh-Hans."""
    return bcp47_tag(code or translation.get_language())


@functools.lru_cache(maxsize=32)
def bcp47_tag(code):
    return translation.to_locale(code).replace("_", "-")
