"""An article's address in its language, and those of its translations."""

import functools
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import override


def translation_field(language):
    """The name of ArticleQuerySet.with_translations()'s annotation for `language`."""
    return "translation_" + language.replace("-", "_")


def article_url(language, pk, slug):
    """The address of an article written in `language`: /news/… or /zh-hans/news/…

    What reverse() gives, without a reverse() per article: on a list page those cost more than
    the rest of the cards. The part before the id is the same for every article of a language.
    """
    prefix = article_address_prefix(language, get_urlconf(), get_script_prefix())
    return f"{prefix}{pk}/{quote(slug, safe=URL_SAFE)}/"


# What reverse() leaves unquoted in an address (RFC 3986's sub-delimiters, "/", "~", ":", "@").
URL_SAFE = "!$&'()*+,;=/~:@"


@functools.lru_cache(maxsize=64)
def article_address_prefix(language, urlconf, script_prefix):
    """The address of an article in `language` up to its id, once per URLconf and prefix."""
    with override(language):
        sample = reverse("articles:detail", kwargs={"pk": 1, "slug": "s"}, urlconf=urlconf)
    if not sample.endswith("/1/s/"):
        raise ImproperlyConfigured(f"An article's address must end in /<pk>/<slug>/: {sample}")
    return sample.removesuffix("1/s/")


@receiver(setting_changed)
def forget_address_prefixes(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"}:
        article_address_prefix.cache_clear()


def translation_urls(article, translations=None):
    """{language: address} of `article` and of its published translations: `translations`,
    rows of (language, pk, slug), or as read by ArticleQuerySet.with_translations() (the
    sitemap); without either, of `article` alone."""
    if translations is None:
        translations = []
        for code, _name in settings.LANGUAGES:
            path = getattr(article, translation_field(code), None)
            if path:
                pk, slug = path.split("/", 1)
                translations.append((code, int(pk), slug))
    urls = {article.language: article.get_absolute_url()}
    for code, pk, slug in translations:
        if code != article.language:
            urls[code] = article_url(code, pk, slug)
    return urls
