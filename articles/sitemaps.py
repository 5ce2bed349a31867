from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.all()


class StaticViewSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "articles:list", "online_messages:create"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticViewSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
