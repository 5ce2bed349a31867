import io
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cards import placed
from .models import Article

# XML 1.0 cannot hold these (a vertical tab pasted from a word processor, say): one of them in a
# title would make the whole feed fail to render.
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    return XML_INVALID.sub("", value)


class WrittenAtOnce:
    """A feed written into a string, then into the response in one piece: the XML writer writes
    each tag and text apart, and each write to an HttpResponse costs more than the tag."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


def site_name():
    """The site's name in the active language."""
    return settings.SITE_NAMES.get(get_language(), settings.SITE_NAME)


class RssFeed(WrittenAtOnce, Rss201rev2Feed):
    pass


class AtomFeed(WrittenAtOnce, Atom1Feed):
    pass


# What values() reads for an item.
ITEM_FIELDS = (
    "id",
    "slug",
    "title",
    "summary",
    "source",
    "publish_at",
    "updated_at",
    "category_id",
)


class LatestArticlesFeed(Feed):
    feed_type = RssFeed
    link = reverse_lazy("articles:list")
    description = _("The latest articles from the News Center.")
    item_count = 20

    def title(self):
        return _("%(site)s: latest news") % {"site": site_name()}

    def items(self):
        """Dicts of the fields the feed shows, with the category's name and the address: the
        feed's twenty articles as model instances cost as much as the rest of it."""
        # The feed of each language (/feed/, /zh-hans/feed/) has that language's articles.
        newest = Article.objects.published().in_language().order_by("-publish_at", "-id")
        return placed(newest.values(*ITEM_FIELDS)[: self.item_count])

    def item_link(self, item):
        return item["url"]

    def item_title(self, item):
        return xml_text(item["title"])

    def item_description(self, item):
        # Readers take an RSS description (and Atom's summary type="html") as HTML; the summary
        # is plain text, so escape it to keep a "<script>" in it text in the reader too.
        return escape(xml_text(item["summary"]))

    def item_pubdate(self, item):
        return item["publish_at"]

    def item_updateddate(self, item):
        return item["updated_at"]

    def item_categories(self, item):
        return [xml_text(item["category"])]

    def item_author_name(self, item):
        return xml_text(item["source"]) or None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomFeed
    subtitle = LatestArticlesFeed.description
