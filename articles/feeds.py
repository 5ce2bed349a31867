from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestArticlesFeed(Feed):
    title = _("%(site)s: latest news") % {"site": settings.SITE_NAME}
    link = reverse_lazy("articles:list")
    description = _("The latest articles from the News Center.")
    item_count = 20

    def items(self):
        return (
            Article.objects.published()
            .for_listing()
            .order_by("-publish_at", "-id")[: self.item_count]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]

    def item_author_name(self, item):
        return item.source or None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
