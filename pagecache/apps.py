from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .freshness import forget_generation

        # A deploy runs `migrate`: pages built by the old templates and code go with it.
        post_migrate.connect(forget_generation, dispatch_uid="pagecache.forget_generation")
