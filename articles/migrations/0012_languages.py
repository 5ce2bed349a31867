"""Articles per language, linked as translations; categories named in each language.

Existing articles are in the default language, each a story of its own (its translation key is
its uuid). Adding the language column rebuilds articles_article on SQLite, which drops the
full-text index's triggers: migration 0008's statements make the index and its triggers again.
"""

import importlib

from django.conf import settings
from django.db import migrations, models

import articles.models.article

SEARCH_INDEX = importlib.import_module("articles.migrations.0008_search_in_date_order")


def sqlite_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS articles_article_fts_terms")
        for statement in SEARCH_INDEX.SQLITE:
            schema_editor.execute(statement, params=None)  # as RunSQL: '%s' is strftime's


def fill_translation_keys(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(uuid__isnull=False).update(translation_key=models.F("uuid"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_editors_editorial_permissions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("zh-hans", "Simplified Chinese")],
                default=articles.models.article.default_language,
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="translation_key",
            field=models.UUIDField(
                default=articles.models.article.new_translation_key,
                editable=False,
                null=True,
                verbose_name="translation key",
            ),
        ),
        migrations.AddField(
            model_name="category",
            name="name_zh_hans",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="name in Simplified Chinese"
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("translation_key__isnull", False)),
                fields=("translation_key", "language"),
                name="article_translation_unique",
            ),
        ),
        migrations.RunPython(sqlite_search_index, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(fill_translation_keys, migrations.RunPython.noop, elidable=True),
    ]
