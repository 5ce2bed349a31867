"""The article page's cover rendition, stored like the list card's (see articles.renditions),
so that the page asks easy-thumbnails nothing.

On SQLite the columns are added nullable and without a default: ALTER TABLE ADD COLUMN, which
keeps the full-text triggers (a rebuilt table would lose them; see articles/search/). Existing
articles get their rendition here: one per distinct cover (seeded articles share a few), found
without regenerating it where the page already made it. A cover whose file is missing or is not
an image is left without one: its page shows no cover image until the article is saved again.
"""

from django.conf import settings
from django.db import migrations, models
from easy_thumbnails.engine import NoSourceGenerator
from easy_thumbnails.exceptions import EasyThumbnailsError
from easy_thumbnails.files import get_thumbnailer


def fill_cover_pages(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    options = settings.THUMBNAIL_ALIASES[""]["cover"]
    covers = (
        Article.objects.filter(cover_page__isnull=True)
        .exclude(cover="")
        .order_by("cover")
        .values_list("cover", flat=True)
        .distinct()
    )
    skipped = 0
    for name in covers.iterator():
        try:
            page = get_thumbnailer(Article(cover=name).cover).get_thumbnail(options)
            width, height = page.width, page.height
        except (EasyThumbnailsError, NoSourceGenerator, OSError):  # missing, or not an image
            skipped += 1
            continue
        Article.objects.filter(cover=name).update(
            cover_page=page.name, cover_page_width=width, cover_page_height=height
        )
    if skipped:
        print(
            f"\n  {skipped} cover file(s) missing or not images: their articles got no page "
            "rendition and show no cover image until saved again.",
            end="",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_search_in_date_order"),
        ("easy_thumbnails", "0002_thumbnaildimensions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="cover_page",
            field=models.ImageField(
                blank=True,
                editable=False,
                height_field="cover_page_height",
                null=True,
                upload_to="covers/",
                width_field="cover_page_width",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_page_height",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_page_width",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(fill_cover_pages, migrations.RunPython.noop),
    ]
