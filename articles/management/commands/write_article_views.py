from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.readership import write_views


class Command(BaseCommand):
    help = _(
        "Write the article views counted in the cache to the database now, as the batch queued "
        "by the article pages does (articles.readership)."
    )

    def handle(self, verbosity, **options):
        written = write_views()
        if written is None:
            raise CommandError(_("Another batch is writing the views; try again in a minute."))
        if verbosity:
            message = ngettext(
                "Wrote %(views)d view to the database.",
                "Wrote %(views)d views to the database.",
                written["views"],
            )
            self.stdout.write(self.style.SUCCESS(message % written))
