from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from pagecache import redirect_to_canonical_page

from .metadata import language_tag
from .models import Article, Category
from .models.languages import translation_urls
from .pagination import ReversiblePaginator


class TranslatedSitemap(Sitemap):
    """A sitemap of one language (/sitemap.xml, /zh-hans/sitemap.xml) whose URLs name their
    pages in the other languages (hreflang alternates, and x-default: the default language's).
    Django's `i18n` would list every item in every language, but articles are per language."""

    def translations(self, item):
        """{language: path} of the page of `item` in each language it has one."""
        paths = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths[code] = self.location(item)
        return paths

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            paths = self.translations(url["item"])
            if len(paths) < 2:
                continue
            url["alternates"] = [
                {"lang_code": language_tag(code), "location": origin + path}
                for code, path in paths.items()
            ]
            if settings.LANGUAGE_CODE in paths:
                default = origin + paths[settings.LANGUAGE_CODE]
                url["alternates"].append({"lang_code": "x-default", "location": default})
        return urls


class ArticleSitemap(TranslatedSitemap):
    changefreq = "monthly"
    # Search engines take up to 50,000 URLs a file. Rendering costs about 0.2 ms a URL, so a
    # smaller page keeps each response (and the worker busy with it) to about a second.
    limit = 5_000

    def items(self):
        articles = Article.objects.published().in_language().with_translations()
        return articles.only("id", "slug", "language", "updated_at").order_by("id")

    def location(self, item):
        return item.get_absolute_url()

    def translations(self, item):
        return translation_urls(item)

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


class CategorySitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.with_published_news(translation.get_language())

    def location(self, item):
        return item.get_absolute_url()


class TagSitemap(Sitemap):
    changefreq = "weekly"
    limit = ArticleSitemap.limit

    def items(self):
        """The tags with a page: those with at least one published article."""
        published = Article.objects.published().in_language().tagged(OuterRef("pk"))
        return Tag.objects.filter(Exists(published)).exclude(slug="").order_by("pk")

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class StaticViewSitemap(TranslatedSitemap):
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
