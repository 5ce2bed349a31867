"""What an article's page shows around the article: its tags, the articles before and after it,
its related articles and its translations."""

from pagecache import remembered

from .cards import FIELDS
from .models import Article


def surroundings(article):
    """{"tags", "previous", "next", "related", "translations"} of `article`'s page, kept until
    pages next change (pagecache.remembered): their five queries cost more than the rest of the
    page together. One entry of a few kilobytes, in the pages' cache.

    `tags` by name; `related`, rows for articles.cards; `translations`, (language, pk, slug) of
    each published translation.
    """

    def work_out():
        tags = list(article.tags.order_by("name"))
        related = Article.objects.values(*FIELDS).related_to(article, [tag.pk for tag in tags])
        return {
            "tags": tags,
            "previous": article.get_previous_article(),
            "next": article.get_next_article(),
            "related": list(related),
            "translations": published_translations(article),
        }

    # "v2": related articles are rows since; an entry kept by the version before is not read.
    return remembered(f"articles:surroundings:v2:{article.pk}", work_out)


def published_translations(article):
    """(language, pk, slug) of each published translation of `article`."""
    if article.translation_key is None:  # None would match every article without one
        return []
    return list(article.translations().published().values_list("language", "pk", "slug"))
