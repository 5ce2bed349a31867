from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        post_migrate.connect(refresh_planner_statistics, sender=self)


def refresh_planner_statistics(using, **kwargs):
    """Without statistics SQLite sorts the whole table for a list page instead of walking the
    index that matches its order; `migrate` on each deploy keeps them current."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
