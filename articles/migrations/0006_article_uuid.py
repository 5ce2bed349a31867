"""A stable key for import_news, and the range of publish dates.

On SQLite, adding a column with a default, or a plain unique constraint, rebuilds the table,
which drops the full-text triggers of migration 0005. So the column is added nullable and
without a default in the database (the default is Django's, in Python), each existing article
gets its own uuid, and uniqueness is a partial unique index. None of this rebuilds the table.
The publish date validators are Python only: no SQL.
"""

import datetime
import uuid

import django.core.validators
import django.utils.timezone
from django.db import migrations, models

BATCH = 500


def fill_uuids(apps, schema_editor):
    """Give every existing article its own uuid, a batch at a time."""
    Article = apps.get_model("articles", "Article")
    last = 0
    while batch := list(
        Article.objects.filter(pk__gt=last, uuid__isnull=True).order_by("pk").only("pk")[:BATCH]
    ):
        for article in batch:
            article.uuid = uuid.uuid4()
        Article.objects.bulk_update(batch, ["uuid"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddField(
                    model_name="article",
                    name="uuid",
                    field=models.UUIDField(editable=False, null=True, verbose_name="UUID"),
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="uuid",
                    field=models.UUIDField(
                        default=uuid.uuid4, editable=False, null=True, verbose_name="UUID"
                    ),
                ),
            ],
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("uuid__isnull", False)),
                fields=("uuid",),
                name="article_uuid_unique",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="publish_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="A published article appears from this moment; a future date schedules it.",
                validators=[
                    django.core.validators.MinValueValidator(
                        datetime.datetime(1899, 12, 31, 10, 0, tzinfo=datetime.timezone.utc),
                        message="The publish date must be in 1900 or later.",
                    ),
                    django.core.validators.MaxValueValidator(
                        datetime.datetime(3000, 1, 1, 11, 59, 59, 999999, tzinfo=datetime.timezone.utc),
                        message="The publish date must be in 2999 or earlier.",
                    ),
                ],
                verbose_name="publish date",
            ),
        ),
    ]
