import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from articles.importers.languages import language_code, language_codes
from articles.importers.lines import NotUTF8Error, count_lines, first_character, read_lines
from articles.importers.pages import PageImporter
from articles.importers.records import RecordImporter
from articles.importers.saving import ImportRefused
from articles.models.redirect import old_path_of

PROGRESS_FROM_LINES = 500  # below this an import is over before a bar would help
# Lines read, and titles and uuids looked up, at a time. Titles have no index, so each lookup
# scans the table once: larger chunks mean fewer scans, smaller ones less memory.
CHUNK_LINES = 2000


class Command(BaseCommand):
    help = _(
        "Import articles from a JSON Lines file made by export_news, or from a legacy news page "
        "saved as text. A record updates the article with its uuid, or else the one with its "
        "title, so running an import again updates articles instead of adding copies. An update "
        "changes only the fields the record has; an article found by title only keeps its "
        "status and publish date. Given tags replace the article's tags; given legacy_paths are "
        "added to its old addresses and never remove one. A story has one article per language: "
        "a record that would give it a second one is refused. Nothing is saved unless the whole "
        "file imports, and each saved article keeps a revision."
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
        parser.add_argument(
            "--legacy-url",
            metavar="URL",
            default="",
            help=_(
                "The address the text page had on the old site, such as "
                "/about/companynews-detail-123.htm (a full URL is reduced to its path). It "
                "then redirects to the article. JSON Lines records give theirs as legacy_paths."
            ),
        )
        parser.add_argument(
            "--language",
            metavar="CODE",
            default="",
            help=_(
                "The language of a text page (default: the site's default language), and of JSON "
                "Lines records that give none: %(codes)s. A title then matches only an article "
                "in that language."
            )
            % {"codes": language_codes()},
        )

    def handle(self, path, category, legacy_url, language, verbosity, **options):
        self.verbosity = verbosity
        legacy_path = self.legacy_path(legacy_url) if legacy_url else ""
        code = None
        if language:
            code = language_code(language)
            if code is None:
                raise CommandError(
                    _("--language %(code)r is not a language of this site; use one of: %(codes)s.")
                    % {"code": language, "codes": language_codes()}
                )
        source = Path(path).name
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
                    if legacy_path:
                        raise CommandError(
                            _(
                                "--legacy-url is for a legacy page saved as text. In a JSON "
                                "Lines file each record gives its old addresses as legacy_paths."
                            )
                        )
                    importer = RecordImporter(self.warn, self.saved, category, source, code)
                    importer.import_lines(self.progress(file), CHUNK_LINES)
                else:
                    importer = PageImporter(self.warn, self.saved, source, code)
                    importer.import_page(path, read_lines(file), category, legacy_path)
            except NotUTF8Error as error:
                raise CommandError(
                    _(
                        "%(path)s is not UTF-8 text: line %(line)d has a byte that is not UTF-8 "
                        "(at byte %(byte)d). Save the file as UTF-8 and try again."
                    )
                    % {"path": path, "line": error.line, "byte": error.byte}
                ) from None
            except ImportRefused as error:
                raise CommandError(str(error)) from None
        self.report(importer.counts)

    def legacy_path(self, url):
        try:
            return old_path_of(url)
        except ValidationError as error:
            raise CommandError(
                _("--legacy-url %(url)r: %(problem)s") % {"url": url, "problem": error.messages[0]}
            ) from None

    def progress(self, file):
        """The file's numbered lines, with a progress bar on stderr for a long file."""
        total = count_lines(file) if self.verbosity else 0
        return tqdm(
            read_lines(file),
            total=total,
            unit=" lines",
            file=sys.stderr,
            disable=total < PROGRESS_FROM_LINES,
        )

    def warn(self, message):
        self.say(message, self.style.WARNING)

    def saved(self, outcome, article):
        if self.verbosity >= 2:
            labels = {"created": _("Created"), "updated": _("Updated"), "unchanged": _("Unchanged")}
            self.stdout.write(f"{labels[outcome]}: {article.title}")

    def report(self, counts):
        created, updated, unchanged = (counts[k] for k in ("created", "updated", "unchanged"))
        total = created + updated + unchanged
        if counts["missing covers"]:
            self.say(
                ngettext(
                    "%(count)d cover image was not found in the media folder; "
                    "that article has no cover.",
                    "%(count)d cover images were not found in the media folder; "
                    "those articles have no cover.",
                    counts["missing covers"],
                )
                % {"count": counts["missing covers"]},
                self.style.WARNING,
            )
        if counts["kept"]:
            self.say(
                ngettext(
                    "%(count)d article was matched by title only and kept its status and "
                    "publish date; see above.",
                    "%(count)d articles were matched by title only and kept their status and "
                    "publish date; see above.",
                    counts["kept"],
                )
                % {"count": counts["kept"]},
                self.style.WARNING,
            )
        if counts["categories"]:
            self.say(
                ngettext(
                    "Created %(count)d category.",
                    "Created %(count)d categories.",
                    counts["categories"],
                )
                % {"count": counts["categories"]},
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
