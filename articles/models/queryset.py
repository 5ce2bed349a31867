from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import get_language

from pagecache import StaleOnWriteQuerySet, remembered

from .. import search
from .languages import translation_field


class ArticleQuerySet(StaleOnWriteQuerySet):
    def published(self, by=None):
        """What the public may see: published, and not scheduled for later.

        `by` narrows it to what had been published by an earlier moment (never a later one).
        """
        moment = timezone.now() if by is None else min(by, timezone.now())
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=moment)

    def in_language(self, language=None):
        """The articles written in `language`, by default the language of the request."""
        return self.filter(language=language or get_language() or settings.LANGUAGE_CODE)

    def with_translations(self):
        """Each article with `translation_<language>`: "<id>/<slug>" of its published translation
        in that language (zh_hans for zh-hans), or None. One subquery a language, on the
        translation key's unique index, rather than a query per page."""
        annotations = {}
        for code, _name in settings.LANGUAGES:
            translation = self.model.objects.published().filter(
                translation_key=OuterRef("translation_key"), language=code
            )
            path = Concat(Cast("pk", CharField()), Value("/"), "slug", output_field=CharField())
            translation = translation.exclude(pk=OuterRef("pk")).annotate(path=path)
            annotations[translation_field(code)] = Subquery(translation.values("path")[:1])
        return self.annotate(**annotations)

    def scheduled(self):
        """Published by an editor, but waiting for a publish date still to come."""
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_publish_at(self):
        """When the next scheduled article goes live, or None."""
        # Naming every language lets the sequence index (status, language, publish_at) find
        # the few future dates of each; without it, every published article's entry is read.
        languages = [code for code, _name in settings.LANGUAGES]
        scheduled = self.scheduled().filter(language__in=languages).order_by("publish_at")
        return scheduled.values_list("publish_at", flat=True).first()

    def first_of_list(self, count):
        """The first `count` of these in their order, their ids picked first from the list
        index alone: joined to the categories, SQLite's planner may otherwise read the date
        index and sort every published article (95 ms at 100,000)."""
        return self.filter(pk__in=self.values("pk")[:count])

    def tagged(self, tag, walk=False):
        """The articles that carry `tag`. The database reads the tag's articles and sorts them;
        with `walk`, it goes down the list in order instead, testing each article for the tag,
        which finds a page of a tag on many articles sooner (see TagArticleListView)."""
        if not walk:
            return self.filter(tagged_items__tag=tag)
        from .tags import TaggedArticle  # which imports this module

        return self.filter(
            Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag=tag))
        )

    # How many of the latest articles with each tag related_to() weighs: a tag on thousands of
    # articles would otherwise cost a read of all of them for every article page.
    RELATED_WINDOW = 100

    def related_to(self, article, tag_ids=None, count=3):
        """Up to `count` published articles like `article`, in one query: those sharing more of
        its tags first, then those of its category, each newest first.

        The candidates are the RELATED_WINDOW articles last given each of its tags, and the
        newest of its category: ranking these few gives what ranking every article would, but
        for tags on more articles than that. `tag_ids`: its tags' ids, when the caller has them
        (each tag's candidates are then read through the tag's index).
        """
        from .tags import TaggedArticle  # which imports this module

        if tag_ids is None:
            tag_ids = TaggedArticle.objects.filter(content_object=article.pk).values("tag")
            tagged = [TaggedArticle.objects.filter(tag__in=tag_ids)]
        else:
            tagged = [TaggedArticle.objects.filter(tag=tag_id) for tag_id in tag_ids]
        others = ~Q(pk=article.pk)
        # Only articles in its language: a reader of one language is not sent to the other.
        newest = self.model.objects.published().in_language(article.language)
        newest = newest.filter(others, category=article.category_id)
        candidates = Q(pk__in=newest.order_by("-publish_at", "-id").values("pk")[:count])
        for rows in tagged:
            window = rows.order_by("-pk").values("content_object")[: self.RELATED_WINDOW]
            candidates |= Q(pk__in=window)
        shared = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag__in=tag_ids)
        shared = shared.values("content_object").annotate(n=Count("pk")).values("n")
        shared_tags = Coalesce(Subquery(shared), 0) if tagged else Value(0)
        same_category = Case(
            When(category=article.category_id, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return (
            self.published()
            .in_language(article.language)
            .filter(others, candidates)
            .annotate(shared_tags=shared_tags, same_category=same_category)
            .order_by("-shared_tags", "-same_category", "-publish_at", "-id")[:count]
        )

    def remembered_count(self, name, tag=None):
        """count(), kept until the cached pages next change (pagecache.remembered): counting
        100,000 published articles costs more than building the rest of a list page. `name`
        tells these articles apart from others, e.g. "published:category:3"; the active
        language is added to it, as the public lists count the articles in their language.

        With `tag`, the count of these that carry it: their query is built only to count
        them, not for every page that finds the count remembered."""
        count = (lambda: self.tagged(tag).count()) if tag else self.count
        return remembered(f"articles:count:{get_language()}:{name}", count)

    def search(self, query):
        """Articles matching every word of `query`, most relevant first (see articles.search).

        Their categories are fetched for the page alone: a join would read one for every match.
        """
        return search.search(self.select_related(None), query).prefetch_related("category")

    def search_results(self, query):
        """search(), for a paginator: counted up to a cap, read a page at a time (see Results)."""
        return search.Results(self, query)
