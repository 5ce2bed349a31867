"""Share links in the article admin: create one for a draft or scheduled article, or revoke
them all (see articles.sharing). Both are POSTs that need the change permission."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from .. import sharing
from ..models import Article


def shown(moment):
    return format_date(timezone.localtime(moment), "Y.m.d H:i")


class ShareLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"), coerce=int, initial=sharing.DEFAULT_PERIOD
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [
            (days, ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
            for days in sharing.PERIODS
        ]


class SharePreviewAdminMixin:
    """For ArticleAdmin: the share box on the change page (admin/articles/article/
    change_form.html) and the two views behind its buttons."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view  # staff only, CSRF-checked
        return [
            path(
                "<path:object_id>/share/",
                view(require_POST(self.create_share_link_view)),
                name=f"{name}_share",
            ),
            path(
                "<path:object_id>/share/revoke/",
                view(require_POST(self.revoke_share_links_view)),
                name=f"{name}_share_revoke",
            ),
            # Before the admin's own, whose "<path:object_id>/" would take these addresses.
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            context["share_preview"] = {
                "form": ShareLinkForm(auto_id="share_%s"),
                "may_share": not obj.is_published(),
                "revoked_at": obj.share_links_revoked_at,
                "create_url": self.share_admin_url("share", obj),
                "revoke_url": self.share_admin_url("share_revoke", obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def create_share_link_view(self, request, object_id):
        article = self.article_to_share(request, object_id)
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, _("Choose how long the link stays valid: 1, 7 or 30 days."), messages.ERROR
            )
        elif article.is_published():
            self.message_user(
                request,
                _("This article is published: share its address instead of a preview link."),
                messages.WARNING,
            )
        else:
            days = form.cleaned_data["days"]
            link, expires = sharing.share_url(article, days)
            url = request.build_absolute_uri(link)
            self.log_change(
                request,
                article,
                _("Created a share link valid until %(date)s.") % {"date": shown(expires)},
            )
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}" class="share-link">{}</a>',
                    _(
                        "Share link created, valid until %(date)s. Anyone who has it can read the "
                        "preview:"
                    )
                    % {"date": shown(expires)},
                    url,
                    url,
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.share_admin_url("change", article))

    def revoke_share_links_view(self, request, object_id):
        article = self.article_to_share(request, object_id)
        # A plain update: revoking changes no content, so it neither dates nor versions it.
        Article.objects.filter(pk=article.pk).update(share_links_revoked_at=timezone.now())
        self.log_change(request, article, _("Revoked all share links."))
        self.message_user(
            request,
            _("Every share link of this article made until now no longer works."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.share_admin_url("change", article))

    def article_to_share(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("There is no such article."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def share_admin_url(self, view, article):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=[article.pk], current_app=self.admin_site.name)
