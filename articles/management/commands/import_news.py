import itertools
import sys
from collections import Counter
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from easy_thumbnails.engine import NoSourceGenerator
from easy_thumbnails.exceptions import InvalidImageFormatError
from tqdm import tqdm

from articles.jsonl import (
    RecordError,
    check_new,
    check_text,
    is_text,
    local_isoformat,
    parse_line,
    parse_uuid,
    record_to_fields,
)
from articles.legacy import control_character, parse_page
from articles.models import Article, Category
from articles.sanitizer import sanitize_html
from articles.textfile import NotUTF8Error, count_lines, first_character, read_lines

DEFAULT_CATEGORY = ("company-news", "Company News")
DUPLICATE = -1  # in the title map: more than one article has this title
PROGRESS_FROM_LINES = 500  # below this an import is over before a bar would help
# Lines read, and titles and uuids looked up, at a time. Titles have no index, so each lookup
# scans the table once: larger chunks mean fewer scans, smaller ones less memory.
CHUNK_LINES = 2000
# What decides whether the public sees an article. Only a record that names the article by its
# uuid may change them: a title is not proof enough to publish a draft.
VISIBILITY = ("status", "publish_at")


class Command(BaseCommand):
    help = _(
        "Import articles from a JSON Lines file made by export_news, or from a legacy news page "
        "saved as text. A record updates the article with its uuid, or else the one with its "
        "title, so running an import again updates articles instead of adding copies. An update "
        "changes only the fields the record has; an article found by title only keeps its "
        "status and publish date. Nothing is saved unless the whole file imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The .jsonl file or the text page to import."))
        parser.add_argument(
            "--category",
            metavar="SLUG",
            default="",
            help=_(
                "Category of a text page (default: company-news), and of new articles from JSON "
                "Lines records that name none."
            ),
        )

    def handle(self, path, category, verbosity, **options):
        self.verbosity = verbosity
        self.counts = Counter()
        self.categories = {}
        # For the JSON Lines being imported, a chunk at a time: uuid -> id and title -> id.
        self.uuids = {}
        self.titles = None
        self.cover_storage = Article._meta.get_field("cover").storage
        try:
            file = open(path, "rb")  # noqa: SIM115 (the with block below closes it)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s. Check the path and its permissions.")
                % {"path": path, "reason": error.strerror or error}
            ) from None
        with file, transaction.atomic():
            first = first_character(file)
            if not first:
                raise CommandError(
                    _("%(path)s is empty; there is nothing to import.") % {"path": path}
                )
            try:
                if first == "{" or path.lower().endswith(".jsonl"):
                    self.import_records(file, category)
                else:
                    self.import_page(path, file, category)
            except NotUTF8Error as error:
                raise CommandError(
                    _(
                        "%(path)s is not UTF-8 text: line %(line)d has a byte that is not UTF-8 "
                        "(at byte %(byte)d). Save the file as UTF-8 and try again."
                    )
                    % {"path": path, "line": error.line, "byte": error.byte}
                ) from None
        self.report()

    def import_records(self, file, default_category):
        total = count_lines(file) if self.verbosity else 0
        lines = tqdm(
            read_lines(file),
            total=total,
            unit=" lines",
            file=sys.stderr,
            disable=total < PROGRESS_FROM_LINES,
        )
        for chunk in chunks(lines, CHUNK_LINES):
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
                    self.import_record(number, record, default_category)
                except RecordError as error:
                    raise CommandError(
                        _("Line %(line)d: %(problem)s") % {"line": number, "problem": error}
                    ) from None

    def import_record(self, number, record, default_category):
        had_cover = bool(record.get("cover"))
        parsed = record_to_fields(record, self.cover_storage)
        fields = parsed.fields
        article, by_title = self.find_article(parsed)
        if article is None:
            category = check_new(parsed, default_category)
        else:
            category = parsed.category
            if "body" in fields or "summary" in fields:
                check_text(fields.get("body", article.body), fields.get("summary", article.summary))
            if by_title:
                kept = self.keep_visibility(article, fields)
                if kept:
                    self.say(
                        _("Line %(line)d: %(title)r matched by title only; %(kept)s.")
                        % {"line": number, "title": article.title, "kept": kept}
                        + " "
                        + _(
                            "Only a record with the article's uuid, as export_news writes, "
                            "changes its status or publish date."
                        ),
                        self.style.WARNING,
                    )
        if category:
            fields["category"] = self.get_category(category, parsed.category_name)
        self.save_article(article, fields)
        if had_cover and not fields.get("cover"):
            self.counts["missing covers"] += 1

    def find_existing(self, records):
        """Look up the articles named by `records` (dicts): by uuid, else by title.

        Two queries per chunk, and only a chunk's uuids and titles are held, so memory stays the
        same however large the file and the database are.
        """
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
        existing = Article.objects.filter(title__in=wanted - {""}).values_list("title", "pk")
        for title, pk in existing:
            self.titles[title] = DUPLICATE if title in self.titles else pk

    def find_article(self, parsed):
        """(the article that `parsed` updates, or None; whether it was found by title only)."""
        if parsed.key in self.uuids:
            return Article.objects.get(pk=self.uuids[parsed.key]), False
        if "title" not in parsed.fields:
            return None, False  # a uuid that no article has, and no title
        pk = self.article_pk(parsed.fields["title"])
        return (None, False) if pk is None else (Article.objects.get(pk=pk), True)

    def keep_visibility(self, article, fields):
        """Drop the status and publish date from `fields`; describe those that would change."""
        changed = [n for n in VISIBILITY if n in fields and differs(article, n, fields[n])]
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

    def import_page(self, path, file, category_slug):
        try:
            page = parse_page(page_text(read_lines(file)))
        except RecordError as error:
            raise CommandError(str(error)) from None
        if not page.title:
            raise CommandError(
                _("%(path)s has no article title after the site navigation; is it a news page?")
                % {"path": path}
            )
        if not page.paragraphs:
            raise CommandError(
                _("%(path)s has a title but no paragraphs after it; there is nothing to import.")
                % {"path": path}
            )
        try:
            category = self.page_category(category_slug or DEFAULT_CATEGORY[0])
        except RecordError as error:
            raise CommandError(sentence(error)) from None
        day = page.date
        if day is None:
            day = timezone.localdate()
            self.say(
                _("No date found in %(path)s; using today, %(date)s.")
                % {"path": path, "date": day.isoformat()},
                self.style.WARNING,
            )
        publish_at = timezone.make_aware(datetime.combine(day, time()))
        try:
            Article._meta.get_field("publish_at").run_validators(publish_at)
        except ValidationError as error:
            raise CommandError(
                _("%(path)s is dated %(date)s. %(problem)s Correct the date in the file.")
                % {"path": path, "date": day.isoformat(), "problem": " ".join(error.messages)}
            ) from None
        fields = {"title": page.title[:200], "summary": page.summary, "body": page.body}
        try:
            pk = self.article_pk(fields["title"])
            if pk is None:
                fields.update(
                    category=category, status=Article.Status.PUBLISHED, publish_at=publish_at
                )
                self.save_article(None, fields)
                return
            article = Article.objects.get(pk=pk)
            kept = self.keep_visibility(
                article, {"status": Article.Status.PUBLISHED, "publish_at": publish_at}
            )
            if kept:
                self.say(
                    _("%(title)r already exists; %(kept)s.")
                    % {"title": article.title, "kept": kept}
                    + " "
                    + _("A page changes only the title, summary and body of an existing article."),
                    self.style.WARNING,
                )
            self.save_article(article, fields)
        except RecordError as error:
            raise CommandError(sentence(error)) from None

    def get_category(self, slug, name):
        """The category `slug` of a JSON Lines record, created from `name` if missing."""
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

    def save_article(self, article, fields):
        """Create an article (`article` None) or update it with `fields`; unchanged isn't saved."""
        if article is None:
            article, outcome, old_title = Article(**fields), "created", None
        else:
            old_title = article.title
            changed = [name for name, value in fields.items() if differs(article, name, value)]
            for name in changed:
                setattr(article, name, fields[name])
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            try:
                article.save()
            except (InvalidImageFormatError, NoSourceGenerator):  # the list-size rendition failed
                raise RecordError(
                    _("cover %(name)r is not an image that can be opened.")
                    % {"name": article.cover.name}
                ) from None
        if outcome == "created":
            self.uuids[article.uuid] = article.pk
        if article.title != old_title:
            self.retitled(article.pk, old_title, article.title)
        self.counts[outcome] += 1
        if self.verbosity >= 2:
            labels = {"created": _("Created"), "updated": _("Updated"), "unchanged": _("Unchanged")}
            self.stdout.write(f"{labels[outcome]}: {article.title}")

    def retitled(self, pk, old, new):
        """Keep the chunk's title map true after article `pk` got the title `new`."""
        if self.titles is None:
            return
        if old is not None and self.titles.get(old) == pk:
            del self.titles[old]
        elif old is not None and self.titles.get(old) == DUPLICATE:
            self.titles.pop(old)
            pks = list(Article.objects.filter(title=old).values_list("pk", flat=True)[:2])
            if pks:
                self.titles[old] = pks[0] if len(pks) == 1 else DUPLICATE
        self.titles[new] = pk if self.titles.get(new) in (None, pk) else DUPLICATE

    def article_pk(self, title):
        """The id of the one article titled `title`, or None; several are refused."""
        if self.titles is not None:
            pk = self.titles.get(title)
        else:
            pks = list(Article.objects.filter(title=title).values_list("pk", flat=True)[:2])
            pk = (pks[0] if len(pks) == 1 else DUPLICATE) if pks else None
        if pk == DUPLICATE:
            raise RecordError(
                _(
                    "more than one article is titled %(title)r; rename the copies so the import "
                    "knows which one to update."
                )
                % {"title": title}
            )
        return pk

    def report(self):
        created, updated, unchanged = (self.counts[k] for k in ("created", "updated", "unchanged"))
        total = created + updated + unchanged
        if self.counts["missing covers"]:
            self.say(
                ngettext(
                    "%(count)d cover image was not found in the media folder; "
                    "that article has no cover.",
                    "%(count)d cover images were not found in the media folder; "
                    "those articles have no cover.",
                    self.counts["missing covers"],
                )
                % {"count": self.counts["missing covers"]},
                self.style.WARNING,
            )
        if self.counts["kept"]:
            self.say(
                ngettext(
                    "%(count)d article was matched by title only and kept its status and "
                    "publish date; see above.",
                    "%(count)d articles were matched by title only and kept their status and "
                    "publish date; see above.",
                    self.counts["kept"],
                )
                % {"count": self.counts["kept"]},
                self.style.WARNING,
            )
        if self.counts["categories"]:
            self.say(
                ngettext(
                    "Created %(count)d category.",
                    "Created %(count)d categories.",
                    self.counts["categories"],
                )
                % {"count": self.counts["categories"]},
                self.style.SUCCESS,
            )
        self.say(
            ngettext(
                "Imported %(total)d article (%(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged).",
                "Imported %(total)d articles (%(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged).",
                total,
            )
            % {"total": total, "created": created, "updated": updated, "unchanged": unchanged},
            self.style.SUCCESS,
        )

    def say(self, message, style):
        if self.verbosity:
            self.stdout.write(style(message))


def record_key(record):
    """The uuid a raw record gives, or None (a bad one is reported when the record is read)."""
    try:
        return parse_uuid(record.get("uuid"))
    except RecordError:
        return None


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


def chunks(iterable, size):
    """Lists of `size` items of `iterable` (itertools.batched from Python 3.12)."""
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def sentence(error):
    message = str(error)
    return message[:1].upper() + message[1:]


def differs(article, name, value):
    if name == "category":
        return article.category_id != value.pk
    if name == "body":
        value = sanitize_html(value)  # stored bodies are sanitized; compare like with like
    return getattr(article, name) != value
