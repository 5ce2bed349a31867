"""Importing one article from a legacy news page saved as text (see legacy.py)."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, Category
from .jsonl import RecordError
from .legacy import control_character, parse_page
from .saving import Importer, ImportRefused

DEFAULT_CATEGORY = ("company-news", "Company News")


class PageImporter(Importer):
    def import_page(self, path, numbered_lines, category_slug="", legacy_path=""):
        """Create the page's article, or update the title, summary and body of the one it has;
        record `legacy_path`, the page's old address, so that it redirects to the article."""
        try:
            page = parse_page(page_text(numbered_lines))
        except RecordError as error:
            raise ImportRefused(str(error)) from None
        if not page.title:
            raise ImportRefused(
                _("%(path)s has no article title after the site navigation; is it a news page?")
                % {"path": path}
            )
        if not page.paragraphs:
            raise ImportRefused(
                _("%(path)s has a title but no paragraphs after it; there is nothing to import.")
                % {"path": path}
            )
        try:
            category = self.page_category(category_slug or DEFAULT_CATEGORY[0])
        except RecordError as error:
            raise ImportRefused(sentence(error)) from None
        day = page.date
        if day is None:
            day = timezone.localdate()
            self.warn(
                _("No date found in %(path)s; using today, %(date)s.")
                % {"path": path, "date": day.isoformat()}
            )
        publish_at = timezone.make_aware(datetime.combine(day, time()))
        try:
            Article._meta.get_field("publish_at").run_validators(publish_at)
        except ValidationError as error:
            raise ImportRefused(
                _("%(path)s is dated %(date)s. %(problem)s Correct the date in the file.")
                % {"path": path, "date": day.isoformat(), "problem": " ".join(error.messages)}
            ) from None
        fields = {"title": page.title[:200], "summary": page.summary, "body": page.body}
        if self.language:
            fields["language"] = self.language
        try:
            self.save_page(fields, category, publish_at, [legacy_path] if legacy_path else [])
        except RecordError as error:
            raise ImportRefused(sentence(error)) from None

    def save_page(self, fields, category, publish_at, old_paths):
        pk = self.article_pk(fields["title"], self.language)
        if pk is None:
            fields.update(category=category, status=Article.Status.PUBLISHED, publish_at=publish_at)
            self.save_article(None, fields, old_paths=old_paths)
            return
        article = Article.objects.get(pk=pk)
        kept = self.keep_visibility(
            article, {"status": Article.Status.PUBLISHED, "publish_at": publish_at}
        )
        if kept:
            self.warn(
                _("%(title)r already exists; %(kept)s.") % {"title": article.title, "kept": kept}
                + " "
                + _("A page changes only the title, summary and body of an existing article.")
            )
        self.save_article(article, fields, old_paths=old_paths)

    def page_category(self, slug):
        category = Category.objects.filter(slug=slug).first()
        if category:
            return category
        if slug == DEFAULT_CATEGORY[0]:
            return self.create_category(*DEFAULT_CATEGORY)
        raise RecordError(
            _("There is no category %(slug)r. Use one of: %(slugs)s, or create it in the admin.")
            % {"slug": slug, "slugs": ", ".join(Category.objects.values_list("slug", flat=True))}
        )


def page_text(numbered_lines):
    """The text of a page's lines; RecordError names the first line with a control character."""
    for number, text in numbered_lines:
        code = control_character(text.rstrip("\r\n"))
        if code:
            raise RecordError(
                _("Line %(line)d: %(code)s is a control character, not text; remove it.")
                % {"line": number, "code": code}
            )
        yield text


def sentence(error):
    message = str(error)
    return message[:1].upper() + message[1:]
