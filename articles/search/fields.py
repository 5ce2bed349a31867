"""An article's text as the full-text indexes read it: each run of CJK characters as its
overlapping pairs (see words.index_text), which neither index could split into words."""

from django.db import models

from .words import index_text

# Each field, and the one it is derived from.
SOURCES = {"search_title": "title", "search_summary": "summary", "search_body": "body_text"}


class SearchText(models.Model):
    """The title, summary and body text as the indexes read them: the index reads the field
    itself where these are None (text without CJK characters).

    Nullable, so that adding them did not rebuild the table on SQLite (see migration 0013).
    Filled on save; a queryset update() of the title, summary or body must set them too.
    """

    search_title = models.TextField(null=True, editable=False)  # noqa: DJ001 (see above)
    search_summary = models.TextField(null=True, editable=False)  # noqa: DJ001
    search_body = models.TextField(null=True, editable=False)  # noqa: DJ001

    class Meta:
        abstract = True

    def fill_search_text(self):
        for field, source in SOURCES.items():
            setattr(self, field, index_text(getattr(self, source)))

    @staticmethod
    def search_fields_of(update_fields):
        """The search fields that a save of `update_fields` (body_text included) changes."""
        return {field for field, source in SOURCES.items() if source in update_fields}
