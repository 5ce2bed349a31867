"""The cards of the news lists: what a list shows of each article, read as plain values.

A list of twenty articles as model instances cost more than the rest of its page: building
forty instances (the articles and their categories), joining the categories in SQL, and a
language lookup for each address, date and category name. A card is read with values(), its
category name taken from the remembered tabs, and its address and cover worked out once here,
so the template only prints it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from .models import Article, Category
from .models.languages import article_url

# What values() reads for a card: pass them to values(), or give values_of() an article.
FIELDS = (
    *("id", "slug", "title", "summary", "publish_at", "pinned", "category_id"),
    *("cover_card", "cover_card_width", "cover_card_height", "cover_alt"),
)


@dataclass(frozen=True, slots=True)
class Card:
    pk: int
    url: str
    title: str
    summary: str
    category: str  # its name in the active language
    published: date  # in the current time zone
    pinned: bool
    cover_url: str  # the 480×270 card rendition; "" without a cover
    cover_width: int | None
    cover_height: int | None
    cover_alt: str


def cards(rows, categories=None):
    """The cards of `rows`, dicts of FIELDS (a queryset's values(*FIELDS)), in their order, in
    the active language. `categories`: the tabs, when the caller has them already."""
    zone = timezone.get_current_timezone()
    storage = Article._meta.get_field("cover_card").storage
    return [
        Card(
            pk=row["id"],
            url=row["url"],
            title=row["title"],
            summary=row["summary"],
            category=row["category"],
            published=row["publish_at"].astimezone(zone).date(),
            pinned=row["pinned"],
            cover_url=storage.url(row["cover_card"]) if row["cover_card"] else "",
            cover_width=row["cover_card_width"],
            cover_height=row["cover_card_height"],
            cover_alt=row["cover_alt"],
        )
        for row in placed(rows, categories)
    ]


def placed(rows, categories=None):
    """`rows`, dicts with an article's id, slug and category_id, each with its address ("url")
    and its category's name ("category") added, in the active language. The public lists'
    articles are in the category tabs (remembered; `categories` when the caller has them); a
    category outside them costs one query."""
    rows = list(rows)
    language = get_language()
    if categories is None:
        categories = Category.objects.tabs()
    names = {tab.pk: tab.display_name for tab in categories}
    missing = {row["category_id"] for row in rows} - names.keys()
    if missing:
        names |= {pk: c.display_name for pk, c in Category.objects.in_bulk(missing).items()}
    return [
        {
            **row,
            "url": article_url(language, row["id"], row["slug"]),
            "category": names.get(row["category_id"], ""),
        }
        for row in rows
    ]


def values_of(article):
    """An article as a row for cards(), for lists that read model instances (search)."""
    row = {name: getattr(article, name) for name in FIELDS}
    return {**row, "cover_card": article.cover_card.name}
