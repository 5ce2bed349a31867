from datetime import timedelta

import reversion
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.demo import ARTICLES, CATEGORIES
from articles.demo.covers import make_cover
from articles.models import Article, Category


class Command(BaseCommand):
    help = _(
        "Load the demo categories and articles, with generated cover images. Running it again "
        "adds only what is missing and never changes existing content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Do nothing if any article exists (make run uses this on every start)."),
        )

    def handle(self, if_empty, verbosity, **options):
        self.verbosity = verbosity
        if if_empty and Article.objects.exists():
            self.say(_("The database already has articles; demo content not loaded."))
            return
        with transaction.atomic():
            categories = {}
            new_categories = 0
            for slug, name, position in CATEGORIES:
                categories[slug], created = Category.objects.get_or_create(
                    slug=slug, defaults={"name": name, "position": position}
                )
                new_categories += created
            # Demo dates are relative to today, at a plausible office hour.
            morning = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
            new_articles = sum(
                self.load_article(number, data, categories[data["category"]], morning)
                for number, data in enumerate(ARTICLES, 1)
            )
        if new_categories or new_articles:
            self.say(
                ngettext(
                    "Created %(categories)d categories and %(articles)d article.",
                    "Created %(categories)d categories and %(articles)d articles.",
                    new_articles,
                )
                % {"categories": new_categories, "articles": new_articles}
            )
        else:
            self.say(_("Demo content already present."))

    def load_article(self, number, data, category, morning):
        """Create the article titled data["title"] unless it exists; True if created."""
        # A revision each, so that restoring one article leaves the others alone.
        with reversion.create_revision():
            reversion.set_comment(_("Loaded by loaddemo."))
            article, created = Article.objects.get_or_create(
                title=data["title"],
                defaults={
                    "category": category,
                    "summary": data["summary"],
                    "body": data["body"],
                    "source": data["source"],
                    "status": data.get("status", Article.Status.PUBLISHED),
                    "publish_at": morning - timedelta(days=data["age"], minutes=number * 7),
                    "pinned": data.get("pinned", False),
                    "cover_alt": data["cover_alt"],
                    # A callable default runs only when the article is created.
                    "cover": lambda: ContentFile(
                        make_cover(data["motif"], number), name=f"demo-cover-{number:02d}.jpg"
                    ),
                },
            )
            if created:
                article.tags.set(data["tags"])
        if created and self.verbosity >= 2:
            self.stdout.write(_("Created “%(title)s”.") % {"title": article.title})
        return created

    def say(self, message):
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS(message))
