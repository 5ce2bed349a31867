import random
import sys

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from taggit.models import Tag
from tqdm import tqdm

from articles.demo import CATEGORIES
from articles.demo.covers import make_cover
from articles.demo.generator import COVERS, ArticleMaker
from articles.models import Article, Category, TaggedArticle
from articles.renditions import rendition_fields

COVER_NAME = "covers/seed/cover-{number}.jpg"


class Command(BaseCommand):
    help = _(
        "Add COUNT made-up articles (for trying out and measuring the site at scale): over the "
        "three demo categories and the last ten years, a few pinned, drafts and scheduled. The "
        "same --seed gives the same articles, dated back from today."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help=_("How many articles to add."))
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help=_("Random seed; the same seed gives the same articles (default: a new one)."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help=_("Articles inserted per transaction (default 2000)."),
        )

    def handle(self, count, seed, batch_size, verbosity, **options):
        if count < 1:
            raise CommandError(_("--count must be at least 1."))
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        categories = self.categories()
        covers = self.covers()
        tags = SeedTags()
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        maker = ArticleMaker(random.Random(seed), today)
        with tqdm(
            total=count, unit=" articles", file=sys.stderr, disable=verbosity == 0
        ) as progress:
            for start in range(0, count, batch_size):
                size = min(batch_size, count - start)
                batch = [self.article(maker.fields(), categories, covers) for _ in range(size)]
                # In date order, as a newsroom writes them: SQLite's search index is keyed by
                # publish date, and FTS5 writes out its buffer whenever a key goes backwards.
                batch.sort(key=lambda pair: pair[0].publish_at)
                with transaction.atomic():
                    Article.objects.bulk_create([article for article, _names in batch])
                    TaggedArticle.objects.bulk_create(
                        TaggedArticle(content_object=article, tag=tags.get(name))
                        for article, names in batch
                        for name in names
                    )
                progress.update(size)
        # SQLite keeps no statistics until ANALYZE runs; without them its planner sorts the whole
        # table for the News Center list instead of reading the list index in order.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Article._meta.db_table)}")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "Added %(count)d article (seed %(seed)d).",
                        "Added %(count)d articles (seed %(seed)d).",
                        count,
                    )
                    % {"count": count, "seed": seed}
                )
            )

    def categories(self):
        categories = {}
        for slug, name, name_zh_hans, position in CATEGORIES:
            categories[slug], _created = Category.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "name_zh_hans": name_zh_hans, "position": position},
            )
        return categories

    def covers(self):
        """Field values of the shared covers, drawn and made into their renditions once."""
        storage = Article._meta.get_field("cover").storage
        covers = []
        for number, (motif, alt, _alt_zh) in enumerate(COVERS, 1):
            name = COVER_NAME.format(number=number)
            if not storage.exists(name):
                name = storage.save(name, ContentFile(make_cover(motif, number)))
            fields = {"cover": name, "cover_alt": alt}
            covers.append({**fields, **rendition_fields(Article(cover=name).cover)})
        return covers

    def article(self, fields, categories, covers):
        """An unsaved Article, with its tag names; bulk_create skips save(), so fill what save()
        would."""
        cover, tag_names = fields.pop("cover"), fields.pop("tags")
        if cover is not None:
            fields.update(covers[cover])
            if fields["language"] == "zh-hans":
                fields["cover_alt"] = COVERS[cover][2]
        fields["category"] = categories[fields["category"]]
        article = Article(**fields)
        article.fill_derived_fields()
        return article, tag_names


class SeedTags:
    """The tags of the seeded articles by name, each found or made once (taggit makes the slug)."""

    def __init__(self):
        self.by_name = {}

    def get(self, name):
        if name not in self.by_name:
            self.by_name[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(
                name=name
            )
        return self.by_name[name]
