import uuid
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

# Translation keys of the demo stories are made from their names: the same on every install.
DEMO_NAMESPACE = uuid.UUID("5d0f7c1e-2b6a-4e44-9a53-6c1f3b8e2a70")


class Command(BaseCommand):
    help = _(
        "Load the demo categories and articles in English and Simplified Chinese, with generated "
        "cover images. Running it again adds only what is missing and never changes existing "
        "content."
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
            for slug, name, name_zh_hans, position in CATEGORIES:
                categories[slug], created = Category.objects.get_or_create(
                    slug=slug,
                    defaults={"name": name, "name_zh_hans": name_zh_hans, "position": position},
                )
                new_categories += created
            # Demo dates are relative to today, at a plausible office hour.
            morning = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
            # Story key -> (translation key, number of its first article): a story's
            # translations are linked, and share their date and the look of their cover.
            self.stories = {}
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
        """Create the article of data["key"] in data["language"] unless it exists; True if
        created."""
        language = data["language"]
        translation_key, story_number = self.stories.setdefault(
            data["key"], (uuid.uuid5(DEMO_NAMESPACE, data["key"]), number)
        )
        existing = (
            Article.objects.filter(language=language, title=data["title"]).first()
            or Article.objects.filter(language=language, translation_key=translation_key).first()
        )
        if existing:
            # Link what is added later to the story as it is, even from an older demo load.
            if self.stories[data["key"]][1] == number:
                self.stories[data["key"]] = (existing.translation_key, number)
            return False
        # A revision each, so that restoring one article leaves the others alone.
        with reversion.create_revision():
            reversion.set_comment(_("Loaded by loaddemo."))
            article = Article(
                language=language,
                translation_key=translation_key,
                title=data["title"],
                category=category,
                summary=data["summary"],
                body=data["body"],
                source=data["source"],
                status=data.get("status", Article.Status.PUBLISHED),
                publish_at=morning - timedelta(days=data["age"], minutes=story_number * 7),
                pinned=data.get("pinned", False),
                cover_alt=data["cover_alt"],
                cover=ContentFile(
                    make_cover(data["motif"], story_number), name=f"demo-cover-{number:02d}.jpg"
                ),
            )
            article.save()
            article.tags.set(data["tags"])
        if self.verbosity >= 2:
            self.stdout.write(_("Created “%(title)s”.") % {"title": article.title})
        return True

    def say(self, message):
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS(message))
