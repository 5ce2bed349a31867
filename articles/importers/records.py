"""Importing JSON Lines (see jsonl.py): each record updates the article with its uuid, else the
one with its title, or else makes a new one."""

import itertools

from django.utils.translation import gettext as _

from ..models import Article, Category
from .editorial import parse_editorial
from .jsonl import (
    RecordError,
    check_new,
    check_text,
    is_text,
    parse_line,
    parse_uuid,
    record_to_fields,
)
from .languages import check_translation, parse_languages
from .saving import DUPLICATE, Importer, ImportRefused


class RecordImporter(Importer):
    def __init__(self, warn, saved, default_category="", source="", language=None):
        super().__init__(warn, saved, source, language)
        self.default_category = default_category  # for new articles from records that name none
        self.categories = {}
        # For the chunk of lines being imported: uuid -> id (and `titles`, see Importer).
        self.uuids = {}
        self.cover_storage = Article._meta.get_field("cover").storage

    def import_lines(self, numbered_lines, chunk_lines):
        """Import the (number, text) lines, `chunk_lines` at a time.

        Two queries a chunk find its articles, and only a chunk's uuids and titles are held, so
        memory stays the same however large the file and the database are.
        """
        for chunk in chunks(numbered_lines, chunk_lines):
            records = []
            for number, text in chunk:
                if text.strip():
                    try:
                        records.append((number, parse_line(text)))
                    except RecordError as error:
                        records.append((number, error))  # raised in its turn, below
            self.find_existing([record for _number, record in records if isinstance(record, dict)])
            for number, record in records:
                try:
                    if isinstance(record, RecordError):
                        raise record
                    self.import_record(number, record)
                except RecordError as error:
                    raise ImportRefused(
                        _("Line %(line)d: %(problem)s") % {"line": number, "problem": error}
                    ) from None

    def find_existing(self, records):
        """Look up the articles named by `records` (dicts): by uuid, else by title."""
        keys = {record_key(record) for record in records} - {None}
        found = Article.objects.filter(uuid__in=keys).values_list("uuid", "pk") if keys else []
        self.uuids = dict(found)
        wanted = {
            record["title"].strip()
            for record in records
            if record_key(record) not in self.uuids
            and isinstance(record.get("title"), str)
            and is_text(record["title"])
        }
        self.titles = {}
        existing = Article.objects.filter(title__in=wanted - {""})
        for title, language, pk in existing.values_list("title", "language", "pk"):
            found = self.titles.setdefault(title, {})
            found[language] = DUPLICATE if language in found else pk

    def import_record(self, number, record):
        had_cover = bool(record.get("cover"))
        parsed = record_to_fields(record, self.cover_storage)
        parse_editorial(record, parsed)
        parse_languages(record, parsed, self.language)
        fields = parsed.fields
        article, by_title = self.find_article(parsed)
        check_translation(article, fields)
        if article is None:
            category = check_new(parsed, self.default_category)
        else:
            category = parsed.category
            if "body" in fields or "summary" in fields:
                check_text(fields.get("body", article.body), fields.get("summary", article.summary))
            if by_title:
                kept = self.keep_visibility(article, fields)
                if kept:
                    self.warn(
                        _("Line %(line)d: %(title)r matched by title only; %(kept)s.")
                        % {"line": number, "title": article.title, "kept": kept}
                        + " "
                        + _(
                            "Only a record with the article's uuid, as export_news writes, "
                            "changes its status or publish date."
                        )
                    )
        if category:
            fields["category"] = self.get_category(category, parsed.category_name)
        self.save_article(article, fields, parsed.tags, parsed.legacy_paths or ())
        if had_cover and not fields.get("cover"):
            self.counts["missing covers"] += 1

    def find_article(self, parsed):
        """(the article that `parsed` updates, or None; whether it was found by title only)."""
        if parsed.key in self.uuids:
            return Article.objects.get(pk=self.uuids[parsed.key]), False
        if "title" not in parsed.fields:
            return None, False  # a uuid that no article has, and no title
        pk = self.article_pk(parsed.fields["title"], parsed.fields.get("language"))
        return (None, False) if pk is None else (Article.objects.get(pk=pk), True)

    def get_category(self, slug, name):
        """The category `slug` of a record, created from `name` if missing."""
        if slug not in self.categories:
            category = Category.objects.filter(slug=slug).first()
            if category is None:
                if not name:
                    raise RecordError(
                        _(
                            "there is no category %(slug)r and category_name is empty; give "
                            "category_name so it can be created."
                        )
                        % {"slug": slug}
                    )
                category = self.create_category(slug, name)
            self.categories[slug] = category
        return self.categories[slug]

    def save_article(self, article, fields, *args):
        created = article is None
        article = super().save_article(article, fields, *args)
        if created:  # a later record of the chunk may name it by its uuid
            self.uuids[article.uuid] = article.pk
        return article


def record_key(record):
    """The uuid a raw record gives, or None (a bad one is reported when the record is read)."""
    try:
        return parse_uuid(record.get("uuid"))
    except RecordError:
        return None


def chunks(iterable, size):
    """Lists of `size` items of `iterable` (itertools.batched from Python 3.12)."""
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
