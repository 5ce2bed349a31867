from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.views.main import ERROR_FLAG
from django.db.models import Count, F
from django.forms import Script
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Article, Category
from .forms import ArticleAdminForm
from .history import ArticleHistoryAdmin
from .readership import ReadershipAdminMixin
from .sharing import SharePreviewAdminMixin
from .translations import TranslationAdminMixin

admin.site.site_header = _("News Center administration")
admin.site.site_title = _("News Center")
admin.site.index_title = _("Site administration")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "name_zh_hans", "slug", "position", "article_count")
    list_editable = ("position",)
    fields = ("name", "name_zh_hans", "slug", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "name_zh_hans")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Article)
class ArticleAdmin(
    TranslationAdminMixin, ReadershipAdminMixin, SharePreviewAdminMixin, ArticleHistoryAdmin
):
    form = ArticleAdminForm
    list_display = (
        *("title", "language", "category", "status_label", "publish_at", "pinned"),
        *("total_views", "recent_views", "site_link"),
    )
    list_filter = ("status", "language", "category", "pinned", "publish_at")
    list_select_related = ("category",)
    list_per_page = 50
    search_fields = ("title", "summary")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (
        *("first_published_at", "updated_significantly_at"),
        *("created_at", "created_by", "updated_at", "updated_by"),
    )
    actions = ("publish_selected", "unpublish_selected")
    fieldsets = (
        (None, {"fields": ("title", "slug", "language", "category", "summary", "body", "tags")}),
        (_("Cover image"), {"fields": ("cover", "cover_alt")}),
        (
            _("Publishing"),
            {
                "fields": (
                    "status",
                    "publish_at",
                    "keep_publish_date",
                    "pinned",
                    "source",
                    "significant_change",
                )
            },
        ),
        (
            _("Search engines and link previews"),
            {"classes": ("collapse",), "fields": ("seo_title", "seo_description")},
        ),
        (
            _("History"),
            {
                "classes": ("collapse",),
                "fields": (
                    *("first_published_at", "updated_significantly_at"),
                    *("created_at", "created_by", "updated_at", "updated_by"),
                ),
            },
        ),
    )

    class Media:
        js = [Script("js/editor-csrf.js", defer=True)]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "slug":
            kwargs["help_text"] = _(
                "Part of the address, filled in from the title as you type. You may change it, "
                "or leave it empty to have it made from the title when you save."
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # A date filter out of what the database can hold (?publish_at__year=9999 ends at year
        # 10000; year 1 east of UTC starts in year 0) fails as the list is built, not as a lookup
        # Django checks. Treat it like a lookup Django refuses: back to the list, with ?e=1.
        try:
            return super().changelist_view(request, extra_context)
        except (OverflowError, ValueError):
            if set(request.GET) <= {ERROR_FLAG}:
                raise  # the plain list fails: a real error, not a bad filter
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj.publish_as_new(keep_date=form.cleaned_data.get("keep_publish_date", False))
        if change and form.cleaned_data.get("significant_change"):
            obj.updated_significantly_at = timezone.now()
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        """The public page once it is live; until then the staff preview, so the button works."""
        # A form sent back with errors may hold an empty slug, filled only on save.
        if obj.is_published() and obj.slug:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.pk])

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        """The status, with "Scheduled" for a published article whose time has not come."""
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        label = _("View") if obj.is_published() else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', self.view_on_site(obj), label)

    @admin.action(permissions=["change"], description=_("Publish selected articles"))
    def publish_selected(self, request, queryset):
        changed = self._set_status(request, queryset, Article.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext(
                "%(count)d article was published.",
                "%(count)d articles were published.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )
        # The action keeps each publish date, so say which ones are not live yet.
        scheduled = Article.objects.filter(pk__in=[a.pk for a in changed]).scheduled().count()
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them is scheduled and appears on the site at its publish date.",
                    "%(count)d of them are scheduled and appear on the site at their publish date.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.WARNING,
            )

    @admin.action(permissions=["change"], description=_("Unpublish selected articles"))
    def unpublish_selected(self, request, queryset):
        changed = self._set_status(request, queryset, Article.Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d article was unpublished and is now a draft.",
                "%(count)d articles were unpublished and are now drafts.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    def _set_status(self, request, queryset, status):
        """Give the articles not yet in `status` that status; return them, for counting.

        Publishing one for the first time dates it now if its date is past, as the form does.
        """
        changed = list(
            queryset.exclude(status=status).select_related(None).only("id", "title", "publish_at")
        )
        if changed:
            # A status change needs neither sanitizing nor a new thumbnail, so skip save().
            now = timezone.now()
            articles = Article.objects.filter(pk__in=[article.pk for article in changed])
            if status == Article.Status.PUBLISHED:
                first_time = articles.filter(first_published_at__isnull=True)
                first_time.filter(publish_at__lte=now).update(publish_at=now)
                first_time.update(first_published_at=F("publish_at"))
            articles.update(status=status, updated_by=request.user, updated_at=now)
            LogEntry.objects.log_actions(
                request.user.pk, changed, CHANGE, [{"changed": {"fields": ["Status"]}}]
            )
            comment = _("Status set to “%(status)s” with a bulk action.") % {
                "status": Article.Status(status).label
            }
            self.record_revisions(request, articles, comment)
        return changed
