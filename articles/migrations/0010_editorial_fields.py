"""Tags, redirects, daily views, SEO texts, share-link revocation and the first publish date.

The article's new columns are nullable and without a default, so that SQLite adds them with
ALTER TABLE ADD COLUMN and keeps the full-text triggers (see articles/search/). Articles already
published count as first published at their publish date.
"""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models


def fill_first_published_at(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="published", first_published_at__isnull=True).update(
        first_published_at=models.F("publish_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_cover_page"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="seo_description",
            field=models.CharField(
                blank=True,
                help_text="The description search engines and link previews show, if not the summary.",
                max_length=300,
                null=True,
                verbose_name="SEO description",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="seo_title",
            field=models.CharField(
                blank=True,
                help_text="The title search engines and link previews show, if not the article's.",
                max_length=200,
                null=True,
                verbose_name="SEO title",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="share_links_revoked_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="updated_significantly_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="Shown on the article: the last change an editor marked as significant.",
                null=True,
                verbose_name="last updated",
            ),
        ),
        migrations.CreateModel(
            name="Redirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "old_path",
                    models.CharField(
                        help_text="The path only, as it was linked: /about/companynews-detail-123.htm",
                        max_length=500,
                        unique=True,
                        verbose_name="old path",
                    ),
                ),
                (
                    "target",
                    models.CharField(
                        blank=True,
                        help_text="A path on this site, when no article is chosen.",
                        max_length=500,
                        verbose_name="target",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redirects",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "redirect",
                "verbose_name_plural": "redirects",
                "ordering": ["old_path"],
            },
        ),
        migrations.CreateModel(
            name="TaggedArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="articles.article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "tagged article",
                "verbose_name_plural": "tagged articles",
            },
        ),
        migrations.AddField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list.",
                through="articles.TaggedArticle",
                to="taggit.Tag",
                verbose_name="tags",
            ),
        ),
        migrations.CreateModel(
            name="DailyViews",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                ("views", models.PositiveIntegerField(default=0, verbose_name="views")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="daily_views",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "daily views",
                "verbose_name_plural": "daily views",
                "indexes": [models.Index(fields=["day", "article"], name="daily_views_day_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "day"), name="daily_views_unique")
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="taggedarticle",
            constraint=models.UniqueConstraint(
                fields=("content_object", "tag"), name="tagged_article_unique"
            ),
        ),
        migrations.RunPython(fill_first_published_at, migrations.RunPython.noop, elidable=True),
    ]
