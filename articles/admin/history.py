"""An article's history in the admin: each save keeps a revision (django-reversion) that editors
list, compare (django-reversion-compare) and restore; deleted articles they recover.

Permissions are the article's own: the history and comparisons need view or change
permission, a restore change permission, a recovery add and change permission.
"""

import reversion
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from taggit.models import Tag

from .. import revisions
from ..models import Article
from . import diffs

# What a restore leaves as it is: facts about the article's life rather than its content.
# Above all, share links revoked since that version stay revoked.
KEPT_ON_RESTORE = (
    *("uuid", "created_at", "created_by_id"),
    *("first_published_at", "share_links_revoked_at"),
)


class ArticleHistoryAdmin(CompareVersionAdmin):
    compare_template = "admin/articles/article/compare.html"
    # What editors write; texts word by word, the body as its text, the category and the tags
    # by name (compare()).
    compare_fields = (
        *("title", "slug", "summary", "body", "cover", "cover_alt", "source", "status"),
        *("language", "publish_at", "pinned", "seo_title", "seo_description"),
    )

    def reversion_register(self, model, **kwargs):
        revisions.register()  # what an article's revision holds is decided there

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin keeps all that the list changes as one revision. The bulk actions keep
        # one per article instead (record_revisions): restoring one leaves the others alone.
        context = {"has_change_permission": self.has_change_permission(request)}
        context.update(extra_context or {})
        return super(VersionAdmin, self).changelist_view(request, context)

    def compare_view(self, request, object_id, extra_context=None):
        # reversion-compare checks only that the user is staff.
        article = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if article is None:
            raise Http404(_("There is no such article."))
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied  # before reversion restores anything, even to roll it back
        versions = Version.objects.get_for_object_reference(Article, unquote(object_id))
        if not versions.filter(pk=version_id).exists():
            raise Http404(_("This article has no such version."))
        current = Article.objects.filter(pk=unquote(object_id)).values(*KEPT_ON_RESTORE).first()
        if current is None:
            raise Http404(_("The article was deleted: recover it instead."))
        request.restoring = current  # read back by get_object()
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        if not Version.objects.get_deleted(Article).filter(pk=version_id).exists():
            raise Http404(_("There is no such deleted article."))
        request.restoring = {}
        return super().recover_view(request, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        """The article; while a version is restored or recovered, as reversion brought it back,
        with what KEPT_ON_RESTORE keeps, and without the tags deleted since that version."""
        article = super().get_object(request, object_id, from_field)
        restoring = getattr(request, "restoring", None)
        if article is not None and restoring is not None:
            for name, value in restoring.items():
                setattr(article, name, value)
            article.tagged_items.exclude(tag__in=Tag.objects.all()).delete()
        return article

    def delete_model(self, request, obj):
        self.record_revisions(request, [obj], _("Deleted."))  # what a recovery brings back
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.record_revisions(request, queryset, _("Deleted."))
        super().delete_queryset(request, queryset)

    def record_revisions(self, request, articles, comment):
        """Keep each article as it is now in a revision of its own."""
        for article in articles:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(comment)
                reversion.add_to_revision(article)

    def compare(self, obj, version1, version2):
        rows, has_unfollowed_fields = super().compare(obj, version1, version2)
        return [*rows, *diffs.related_rows(version1, version2)], has_unfollowed_fields

    def compare_title(self, obj_compare):
        old, new = (str(value or "") for value in (obj_compare.value1, obj_compare.value2))
        return diffs.word_diff(old, new)

    compare_summary = compare_source = compare_cover_alt = compare_title
    compare_seo_title = compare_seo_description = compare_title

    def compare_body(self, obj_compare):
        """The body's words (Article.body_text), not its markup."""
        old, new = (
            diffs.readable(compared.version_record).get("body_text") or ""
            for compared in (obj_compare.compare_obj1, obj_compare.compare_obj2)
        )
        if old == new:
            return format_html("<p>{}</p>", _("Only the formatting changed; the text is the same."))
        return diffs.word_diff(old, new)
