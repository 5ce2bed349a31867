"""Translations in the article admin: the box on the change page that lists an article's
translations (admin/articles/article/translations.html), and the view behind its "Translate to"
buttons, which makes a draft in another language linked to the same story."""

import uuid

import reversion
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Article


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def local_name(code):
    """The language's name in itself, 简体中文 say: what an editor who writes it looks for."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return language_name(code)


def translation_slug(article, language):
    """The source's slug with the language after it: a different address from the source's."""
    suffix = f"-{language}"
    return article.slug[: 200 - len(suffix)] + suffix


class TranslationAdminMixin:
    """For ArticleAdmin: an article's translations on its change page, and making one."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(require_POST(self.translate_view)),  # staff, CSRF
                name=f"{name}_translate",
            ),
            # Before the admin's own, whose "<path:object_id>/" would take this address.
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context["translations"] = self.translations_box(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translations_box(self, request, article):
        # From the database: a form sent back with errors may hold another language.
        story = []
        if article.translation_key is not None:  # None would match every article without one
            story = Article.objects.filter(translation_key=article.translation_key)
            story = story.order_by("language").only(
                "id", "title", "language", "status", "publish_at"
            )
        story = list(story)
        translations = [other for other in story if other.pk != article.pk]
        may_view = self.has_view_or_change_permission(request)
        rows = [
            {
                "article": other,
                "language": language_name(other.language),
                "status": _("Scheduled") if other.is_scheduled else other.get_status_display(),
                "url": self.translation_admin_url("change", other.pk) if may_view else "",
            }
            for other in translations
        ]
        taken = {article.language, *(other.language for other in story)}
        missing = []
        if self.has_add_permission(request):
            missing = [
                {
                    "label": _("Translate to %(language)s") % {"language": local_name(code)},
                    "url": self.translation_admin_url("translate", article.pk, code),
                }
                for code, _name in settings.LANGUAGES
                if code not in taken
            ]
        return {"rows": rows, "missing": missing}

    def translate_view(self, request, object_id, language):
        if not self.has_add_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("There is no such article."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        back = HttpResponseRedirect(self.translation_admin_url("change", article.pk))
        if language not in dict(settings.LANGUAGES):
            self.message_user(
                request,
                _("There is no language %(code)r on this site.") % {"code": language[:20]},
                messages.ERROR,
            )
            return back
        existing = self.existing_translation(article, language)
        if existing is not None:
            return self.already_translated(request, existing)
        if article.translation_key is None:  # an article older than stories: it starts one
            article.translation_key = article.uuid or uuid.uuid4()
            Article.objects.filter(pk=article.pk).update(translation_key=article.translation_key)
        try:
            with transaction.atomic():
                draft = self.create_translation(request, article, language)
        except IntegrityError:  # another editor made it a moment ago
            existing = self.existing_translation(article, language)
            if existing is None:
                raise
            return self.already_translated(request, existing)
        self.message_user(
            request,
            _(
                "This is a new draft of “%(title)s” in %(language)s. Its texts are copied from "
                "the %(source)s version as a starting point: translate them, then publish it."
            )
            % {
                "language": language_name(language),
                "title": article.title,
                "source": language_name(article.language),
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.translation_admin_url("change", draft.pk))

    def existing_translation(self, article, language):
        if article.language == language:
            return article
        return article.translations().filter(language=language).first()

    def already_translated(self, request, existing):
        self.message_user(
            request,
            _("This story already has a version in %(language)s: here it is.")
            % {"language": language_name(existing.language)},
            messages.WARNING,
        )
        return HttpResponseRedirect(self.translation_admin_url("change", existing.pk))

    def create_translation(self, request, article, language):
        """A draft in `language` of `article`'s story with its shared fields, and its texts to
        translate."""
        draft = Article(
            language=language,
            translation_key=article.translation_key,
            title=article.title,
            slug=translation_slug(article, language),
            category=article.category,
            summary=article.summary,
            body=article.body,
            cover=article.cover.name,  # the same file: both articles show one image
            cover_alt=article.cover_alt,
            source=article.source,
            pinned=article.pinned,
            status=Article.Status.DRAFT,
            created_by=request.user,
            updated_by=request.user,
        )
        message = _("Created as the translation into %(language)s of “%(title)s”.") % {
            "language": language_name(language),
            "title": article.title,
        }
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(message)
            draft.save()
            draft.tags.set(article.tags.all())
        self.log_addition(request, draft, message)
        return draft

    def translation_admin_url(self, view, *args):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=args, current_app=self.admin_site.name)
