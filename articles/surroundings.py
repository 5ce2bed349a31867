"""What an article's page shows around the article: its tags, the articles before and after it,
its related articles and its translations."""

from pagecache import remembered

from .models import Article


def surroundings(article):
    """{"tags", "previous", "next", "related", "translations"} of `article`'s page, kept until
    pages next change (pagecache.remembered): their five queries cost more than the rest of the
    page together. One entry of a few kilobytes, in the pages' cache.

    `tags` by name; `translations`, (language, pk, slug) of each published translation.
    """

    def work_out():
        tags = list(article.tags.order_by("name"))
        related = Article.objects.for_listing().related_to(article, [tag.pk for tag in tags])
        return {
            "tags": tags,
            "previous": article.get_previous_article(),
            "next": article.get_next_article(),
            "related": list(related),
            "translations": published_translations(article),
        }

    return remembered(f"articles:surroundings:{article.pk}", work_out)


def published_translations(article):
    """(language, pk, slug) of each published translation of `article`."""
    if article.translation_key is None:  # None would match every article without one
        return []
    return list(article.translations().published().values_list("language", "pk", "slug"))
