"""An article's address in its language, and those of its translations."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, override

from pagecache import remembered


def translation_field(language):
    """The name of ArticleQuerySet.with_translations()'s annotation for `language`."""
    return "translation_" + language.replace("-", "_")


def article_url(language, pk, slug):
    """The address of an article written in `language`: /news/… or /zh-hans/news/…"""
    kwargs = {"pk": pk, "slug": slug}
    if language == get_language():
        return reverse("articles:detail", kwargs=kwargs)
    with override(language):
        return reverse("articles:detail", kwargs=kwargs)


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


def published_translations(article):
    """(language, pk, slug) of each published translation of `article`: what its page links to.
    Kept until pages next change (pagecache.remembered), as its related articles are."""
    if article.translation_key is None:  # None would match every article without one
        return []
    translations = article.translations().published().values_list("language", "pk", "slug")
    return remembered(f"articles:translations:{article.pk}", lambda: list(translations))
