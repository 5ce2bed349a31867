from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.importers.editorial import export_record
from articles.importers.jsonl import dump_record
from articles.models import Article

CHUNK_SIZE = 2000


class Command(BaseCommand):
    help = _(
        "Export every article, drafts and scheduled ones too, as JSON Lines (one JSON object per "
        "line, UTF-8) that import_news reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The file to write, or - for standard output."))

    def handle(self, path, verbosity, **options):
        if path == "-":
            count = self.export(lambda line: self.stdout.write(line, ending=""))
            report = self.stderr  # standard output carries the data
        else:
            try:
                with open(path, "w", encoding="utf-8", newline="\n") as file:
                    count = self.export(file.write)
            except OSError as error:
                raise CommandError(
                    _(
                        "Cannot write %(path)s: %(reason)s. Check that its folder exists and is "
                        "writable."
                    )
                    % {"path": path, "reason": error.strerror or error}
                ) from None
            report = self.stdout
        if verbosity:
            report.write(
                self.style.SUCCESS(
                    ngettext(
                        "Exported %(count)d article to %(path)s.",
                        "Exported %(count)d articles to %(path)s.",
                        count,
                    )
                    % {"count": count, "path": _("standard output") if path == "-" else path}
                )
            )

    def export(self, write):
        """Write one line per article, oldest first, without holding them all in memory: tags
        and old paths are fetched a chunk of articles at a time."""
        articles = Article.objects.select_related("category").order_by("pk")
        articles = articles.prefetch_related("tags", "redirects")
        count = 0
        for article in articles.iterator(chunk_size=CHUNK_SIZE):
            write(dump_record(export_record(article)))
            count += 1
        return count
