"""An article's address in its language, and those of its translations."""

from django.conf import settings

from ..addresses import address


def translation_field(language):
    """The name of ArticleQuerySet.with_translations()'s annotation for `language`."""
    return "translation_" + language.replace("-", "_")


def article_url(language, pk, slug):
    """The address of an article written in `language`: /news/… or /zh-hans/news/…"""
    return address("articles:detail", language, pk=pk, slug=slug)


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
