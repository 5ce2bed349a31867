from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.urls import reverse
from taggit.models import Tag

from .models import Article, Category
from .pagination import ReversiblePaginator, redirect_to_canonical_page


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    # Search engines take up to 50,000 URLs a file. Rendering costs about 0.2 ms a URL, so a
    # smaller page keeps each response (and the worker busy with it) to about a second.
    limit = 5_000

    def items(self):
        return Article.objects.published().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index. Django's default loads every article to find it, and even an aggregate
        # reads the whole table (updated_at has no index): leave it out.
        return None

    @property
    def paginator(self):
        # What Django pages too while i18n is off; with it on, it pages items() once per language.
        return ReversiblePaginator(self.items(), self.limit)


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.with_published_news()


class TagSitemap(Sitemap):
    changefreq = "weekly"
    limit = ArticleSitemap.limit

    def items(self):
        """The tags with a page: those with at least one published article."""
        published = Article.objects.published().tagged(OuterRef("pk"))
        return Tag.objects.filter(Exists(published)).exclude(slug="").order_by("pk")

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class StaticViewSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "articles:list", "online_messages:create"]

    def location(self, item):
        return reverse(item)


# The sections of the sitemap index at /sitemap.xml, each at /sitemap-<section>.xml.
sitemaps = {
    "pages": StaticViewSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "articles": ArticleSitemap,
}


def sitemap_section(request, section):
    """One section of the sitemap; its pages (?p=) have one address each, as the lists' do."""
    redirect_ = redirect_to_canonical_page(request, "p")
    return redirect_ or sitemap_views.sitemap(request, sitemaps, section=section)
