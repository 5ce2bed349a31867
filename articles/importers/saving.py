"""What both importers share: finding an article by its title, saving it, and the counts."""

from collections import Counter

import reversion
from django.db.models import Max
from django.utils.translation import gettext as _
from easy_thumbnails.engine import NoSourceGenerator
from easy_thumbnails.exceptions import InvalidImageFormatError

from ..models import Article, Category
from .editorial import record_old_paths, set_tags
from .jsonl import RecordError, local_isoformat

DUPLICATE = -1  # in the title map: more than one article has this title
# What decides whether the public sees an article. Only a record that names the article by its
# uuid may change them: a title is not proof enough to publish a draft.
VISIBILITY = ("status", "publish_at")


class ImportRefused(Exception):
    """The file cannot be imported; the message says where and what to fix."""


class Importer:
    """Saves what a file holds; `warn` and `saved` tell the person importing as it goes.

    `warn(message)` gets what they should know; `saved(outcome, article)` each article, with
    the outcome "created", "updated" or "unchanged". `source`, the file's name, is what the
    article's revision history says it was imported from.
    """

    def __init__(self, warn, saved, source="", language=None):
        self.warn, self.saved = warn, saved
        self.source = source
        self.language = language  # of what the file holds, when import_news was told
        self.counts = Counter()
        # title -> {language: id (or DUPLICATE)} of the articles that may be updated, when it
        # is known.
        self.titles = None

    def article_pk(self, title, language=None):
        """The id of the one article titled `title` (in `language`, if given), or None; several
        are refused. A title is matched within a language: translations may share one."""
        if self.titles is not None:
            found = self.titles.get(title, {})
            found = [(code, pk) for code, pk in found.items() if language in (None, code)]
        else:
            articles = Article.objects.filter(title=title)
            if language:
                articles = articles.filter(language=language)
            found = list(articles.values_list("language", "pk")[:2])
        if len({code for code, _pk in found}) > 1:
            raise RecordError(
                _(
                    "articles in more than one language are titled %(title)r; give the record a "
                    "language (or import_news --language) so the import knows which to update."
                )
                % {"title": title}
            )
        pk = (found[0][1] if len(found) == 1 else DUPLICATE) if found else None
        if pk == DUPLICATE:
            raise RecordError(
                _(
                    "more than one article is titled %(title)r; rename the copies so the import "
                    "knows which one to update."
                )
                % {"title": title}
            )
        return pk

    def keep_visibility(self, article, fields):
        """Drop the status and publish date from `fields`; describe those that would change."""
        changed = [n for n in VISIBILITY if n in fields and stored(article, n) != fields[n]]
        for name in VISIBILITY:
            fields.pop(name, None)
        if not changed:
            return ""
        self.counts["kept"] += 1
        params = {"status": article.status, "date": local_isoformat(article.publish_at)}
        if len(changed) == 2:
            return _("its status (%(status)s) and publish date (%(date)s) were kept") % params
        if "status" in changed:
            return _("its status (%(status)s) was kept") % params
        return _("its publish date (%(date)s) was kept") % params

    def create_category(self, slug, name):
        taken = Category.objects.filter(name=name).first()
        if taken:
            raise RecordError(
                _(
                    "the category name %(name)r is already used by the category %(other)r; "
                    "give a category that exists or a new name."
                )
                % {"name": name, "other": taken.slug}
            )
        position = (Category.objects.aggregate(last=Max("position"))["last"] or 0) + 1
        self.counts["categories"] += 1
        return Category.objects.create(slug=slug, name=name, position=position)

    def save_article(self, article, fields, tags=None, old_paths=()):
        """Create an article (`article` None) or update it with `fields`; give it `tags` unless
        None, and record `old_paths` as its old addresses. Unchanged isn't saved; a save keeps a
        revision, as an editor's does.

        Returns the article.
        """
        with reversion.create_revision():
            reversion.set_comment(_("Imported from %(file)s") % {"file": self.source})
            if article is None:
                article, outcome, old_place = Article(**fields), "created", None
            else:
                old_place = (article.title, article.language)
                outcome = "updated" if update(article, fields) else "unchanged"
            if outcome != "unchanged":
                save(article)
            if tags is not None and set_tags(article, tags):
                reversion.add_to_revision(article)  # the article's revision holds its tags
                outcome = "updated" if outcome == "unchanged" else outcome
            if record_old_paths(article, old_paths) and outcome == "unchanged":
                outcome = "updated"
        if (article.title, article.language) != old_place:
            self.moved(article.pk, old_place, (article.title, article.language))
        self.counts[outcome] += 1
        self.saved(outcome, article)
        return article

    def moved(self, pk, old, new):
        """Keep the title map true after article `pk` went from the (title, language) `old`
        (None: it is new) to `new`."""
        if self.titles is None:
            return
        if old is not None:
            title, language = old
            found = self.titles.get(title, {})
            if found.get(language) == pk:
                del found[language]
            elif found.get(language) == DUPLICATE:
                articles = Article.objects.filter(title=title, language=language)
                pks = list(articles.values_list("pk", flat=True)[:2])
                found.pop(language)
                if pks:
                    found[language] = pks[0] if len(pks) == 1 else DUPLICATE
        title, language = new
        found = self.titles.setdefault(title, {})
        found[language] = pk if found.get(language) in (None, pk) else DUPLICATE


def save(article):
    try:
        article.save()
    except (InvalidImageFormatError, NoSourceGenerator):  # a rendition of the cover failed
        raise RecordError(
            _("cover %(name)r is not an image that can be opened.") % {"name": article.cover.name}
        ) from None


def update(article, fields):
    """Set `fields` on `article` as it would store them; whether any of them changed."""
    before = [stored(article, name) for name in fields]
    for name, value in fields.items():
        setattr(article, name, value)
    article.fill_derived_fields()  # a stored body is sanitized: compare like with like
    return [stored(article, name) for name in fields] != before


def stored(article, name):
    """The value of field `name` of `article`; a category's id, so that it costs no query."""
    return article.category_id if name == "category" else getattr(article, name)
