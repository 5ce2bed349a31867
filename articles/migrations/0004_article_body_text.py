from django.db import migrations, models

from articles.search import text_from_html

BATCH = 500


def fill_body_text(apps, schema_editor):
    """Give existing articles the plain text of their bodies, a batch at a time."""
    Article = apps.get_model("articles", "Article")
    last = 0
    while batch := list(Article.objects.filter(pk__gt=last).order_by("pk").only("body")[:BATCH]):
        for article in batch:
            article.body_text = text_from_html(article.body)
        Article.objects.bulk_update(batch, ["body_text"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_cover_uploads"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="body text"
            ),
        ),
        migrations.RunPython(fill_body_text, migrations.RunPython.noop, elidable=True),
    ]
