from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from taggit.models import Tag

        import pagecache

        from . import covers, revisions
        from .models import Article, Category, TaggedArticle

        revisions.register()
        covers.connect()  # a cover nothing refers to any more is deleted
        post_migrate.connect(refresh_planner_statistics, sender=self)
        # What the public pages show: any write to these, or a scheduled article going live.
        pagecache.stale_on_write(Article, Category, TaggedArticle, Tag)
        pagecache.changes_at(next_publish_at)


def next_publish_at():
    """When the next scheduled article goes live. A function of this module, so that a ready()
    run again registers the same one (each Article.objects may be a new copy)."""
    from .models import Article

    return Article.objects.next_publish_at()


def refresh_planner_statistics(using, **kwargs):
    """Without statistics SQLite sorts the whole table for a list page instead of walking the
    index that matches its order; `migrate` on each deploy keeps them current."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
