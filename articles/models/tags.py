from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItemBase

from .article import Article


class TaggedArticle(TaggedItemBase):
    """An article's tag: a direct foreign key, so tag queries join two tables, not a generic
    relation through content types."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]
