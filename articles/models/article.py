import uuid
from datetime import UTC, datetime, timedelta

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .. import renditions, search  # search also defines the model of SQLite's full-text index
from ..images import cover_upload_to, validate_image, without_metadata
from ..sanitizer import sanitize_html
from .category import Category
from .languages import article_url
from .queryset import ArticleQuerySet
from .sequence import InSequence

# The publish dates an article may have: years 1900 to 2999 in any time zone (UTC-12 to
# UTC+14). Far wider than any real date, and narrow enough that converting between time zones
# (for storage, display and export) never leaves the years Python and the databases can hold.
EARLIEST_PUBLISH_AT = datetime(1900, 1, 1, tzinfo=UTC) - timedelta(hours=14)
LATEST_PUBLISH_AT = datetime(3000, 1, 1, tzinfo=UTC) + timedelta(hours=12, microseconds=-1)


def default_language():
    return settings.LANGUAGE_CODE


def new_translation_key():
    return uuid.uuid4()


class Article(InSequence, search.SearchText):  # SearchText: the text the search indexes read
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # Copies of the text made for search to read (body_text and the search fields): no page
    # shows them, and the body's two copies are as long as the body.
    INDEXED_TEXT = ("body_text", *search.SOURCES)

    # Identifies the article across renames, exports and sites (import_news matches on it).
    # Nullable only so that adding it did not rebuild the table on SQLite (see migration 0006);
    # every article gets one.
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, null=True, editable=False)
    # Each translation of a story is an article of its own, in its language; translations
    # share a translation key (the article's own uuid for the first of them).
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=default_language
    )
    translation_key = models.UUIDField(
        _("translation key"), default=new_translation_key, null=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("Part of the address. Filled from the title when left empty."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    summary = models.TextField(
        _("summary"), max_length=500, blank=True, help_text=_("Shown in lists, feeds and search.")
    )
    body = RichTextUploadingField(_("body"))
    # The body's words without markup, for search; filled from `body` on save.
    body_text = models.TextField(_("body text"), blank=True, default="", editable=False)
    cover = models.ImageField(
        _("cover image"),
        upload_to=cover_upload_to,
        blank=True,
        validators=[validate_image],
        help_text=_(
            "JPEG, PNG, GIF or WebP. Location data and other metadata are removed; an "
            "animation keeps its first frame."
        ),
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=200,
        blank=True,
        help_text=_("Describes the cover image for visitors who cannot see it."),
    )
    # A list-size rendition made once when the cover is saved, so list pages need no lookups.
    cover_card = models.ImageField(
        upload_to="covers/",
        blank=True,
        editable=False,
        width_field="cover_card_width",
        height_field="cover_card_height",
    )
    cover_card_width = models.PositiveIntegerField(null=True, editable=False)
    cover_card_height = models.PositiveIntegerField(null=True, editable=False)
    # The article page's rendition, made likewise (see articles.renditions). Nullable only so
    # that adding it did not rebuild the table on SQLite (see migration 0009): None is no image.
    cover_page = models.ImageField(
        upload_to="covers/",
        null=True,
        blank=True,
        editable=False,
        width_field="cover_page_width",
        height_field="cover_page_height",
    )
    cover_page_width = models.PositiveIntegerField(null=True, editable=False)
    cover_page_height = models.PositiveIntegerField(null=True, editable=False)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Source or author line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        validators=[
            MinValueValidator(
                EARLIEST_PUBLISH_AT, message=_("The publish date must be in 1900 or later.")
            ),
            MaxValueValidator(
                LATEST_PUBLISH_AT, message=_("The publish date must be in 2999 or earlier.")
            ),
        ],
        help_text=_("A published article appears from this moment; a future date schedules it."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned articles lead the News Center list.")
    )
    tags = TaggableManager(
        _("tags"),
        through="articles.TaggedArticle",
        blank=True,
        help_text=_("A comma-separated list."),
    )
    # The columns below are nullable and without a default so that adding them did not rebuild
    # the table on SQLite, which would drop its full-text triggers (see migration 0010): None
    # is "not set", and so is "" for the SEO texts.
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    updated_significantly_at = models.DateTimeField(
        _("last updated"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Shown on the article: the last change an editor marked as significant."),
    )
    seo_title = models.CharField(  # noqa: DJ001 (see above)
        _("SEO title"),
        max_length=200,
        null=True,
        blank=True,
        help_text=_("The title search engines and link previews show, if not the article's."),
    )
    seo_description = models.CharField(  # noqa: DJ001 (see above)
        _("SEO description"),
        max_length=300,
        null=True,
        blank=True,
        help_text=_("The description search engines and link previews show, if not the summary."),
    )
    # Share links issued before this moment no longer open the article (see articles.sharing).
    share_links_revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("upload_image", _("Can upload images in the editor"))]
        constraints = [
            # A partial unique index: SQLite adds it without rebuilding the table.
            models.UniqueConstraint(
                fields=["uuid"], condition=models.Q(uuid__isnull=False), name="article_uuid_unique"
            ),
            # One translation per language of a story.
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                condition=models.Q(translation_key__isnull=False),
                name="article_translation_unique",
            ),
        ]
        # Each public list is of one language: its lists and neighbours read these in order.
        indexes = [
            models.Index(
                fields=["status", "language", "-pinned", "-publish_at", "-id"],
                name="article_list_idx",
            ),
            models.Index(
                fields=["category", "status", "language", "-pinned", "-publish_at", "-id"],
                name="article_category_list_idx",
            ),
            models.Index(
                fields=["status", "language", "publish_at", "id"], name="article_sequence_idx"
            ),
            # Lets SQLite check that each full-text match is published without reading its row.
            models.Index(fields=["id", "status", "publish_at"], name="article_search_lookup_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            update_fields = {*update_fields, *(["body_text"] if "body" in update_fields else [])}
            kwargs["update_fields"] = {*update_fields, *self.search_fields_of(update_fields)}
        if self.cover and not self.cover._committed:
            # A cover is a still: the list card, the feed and link previews show one frame.
            cleaned = without_metadata(self.cover, still=True)
            self.cover.save(cleaned.name, cleaned, save=False)
        super().save(*args, **kwargs)
        renditions.refresh(self)  # the cover's list and page renditions

    def get_absolute_url(self):
        return article_url(self.language, self.pk, self.slug)

    def fill_derived_fields(self):
        """Sanitize the body, and derive `body_text` from it, the text the search indexes read,
        an empty slug from the title and the first publish date from the publish date.

        save() calls it; so do the loaders that use bulk_create(), which skips save().
        """
        self.body = sanitize_html(self.body)
        self.body_text = search.text_from_html(self.body)
        self.fill_search_text()
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "article"
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = self.publish_at

    def publish_as_new(self, keep_date=False):
        """An editor publishes: the first time, a publish date already past becomes now, so that
        an old draft leads the lists, unless the editor keeps the date (a backdate). Call it
        before save(); later publishes and imports keep their dates."""
        now = timezone.now()
        if (
            self.status == self.Status.PUBLISHED
            and self.first_published_at is None
            and self.publish_at <= now
            and not keep_date
        ):
            self.publish_at = now

    def translations(self):
        """The other articles of this story: one per other language."""
        return Article.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()
