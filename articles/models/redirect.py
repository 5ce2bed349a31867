from django.db import models
from django.utils.translation import gettext_lazy as _

from .article import Article


class Redirect(models.Model):
    """An old address that answers 301: to an article's current URL (so a rename never makes a
    chain), or to a fixed path. Legacy pages recorded at import are these too."""

    old_path = models.CharField(
        _("old path"),
        max_length=500,
        unique=True,
        help_text=_("The path only, as it was linked: /about/companynews-detail-123.htm"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
        verbose_name=_("article"),
    )
    target = models.CharField(
        _("target"),
        max_length=500,
        blank=True,
        help_text=_("A path on this site, when no article is chosen."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return self.old_path
