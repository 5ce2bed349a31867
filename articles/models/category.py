from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pagecache import StaleOnWriteQuerySet, remembered

from ..addresses import address


class CategoryQuerySet(StaleOnWriteQuerySet):
    def with_published_news(self, language=None):
        """The categories the public may see: those with at least one published article (in
        `language`, when given)."""
        from .article import Article  # which imports this module

        published = Article.objects.published().filter(category=models.OuterRef("pk"))
        if language:
            published = published.in_language(language)
        return self.filter(models.Exists(published))

    def tabs(self):
        """with_published_news() in the active language, as a list kept until pages next change
        (pagecache.remembered): every list page shows them, and their query costs more than the
        rest of the page's."""
        language = get_language()
        return remembered(
            f"articles:category-tabs:{language}",
            lambda: list(self.with_published_news(language)),
        )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    # The name in Simplified Chinese; empty: the name above, in every language.
    name_zh_hans = models.CharField(_("name in Simplified Chinese"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Tabs are shown in ascending position.")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return address("articles:category", get_language(), slug=self.slug)

    @property
    def display_name(self):
        """The name in the active language: the Chinese name where there is one."""
        if self.name_zh_hans and get_language() == "zh-hans":
            return self.name_zh_hans
        return self.name
