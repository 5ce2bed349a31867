"""The cards of the news lists: what a list shows of each article, read as plain values.

A list of twenty articles as model instances cost more than the rest of its page: building
forty instances (the articles and their categories), joining the categories in SQL, and a
language lookup for each address, date and category name. A card is read with values(), its
category name taken from the remembered tabs, and its address and cover worked out once here,
so the template only prints it.
"""

from dataclasses import dataclass
from datetime import datetime

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
    published: datetime  # in the current time zone
    pinned: bool
    cover_url: str  # the 480×270 card rendition; "" without a cover
    cover_width: int | None
    cover_height: int | None
    cover_alt: str


def cards(rows):
    """The cards of `rows`, dicts of FIELDS (a queryset's values(*FIELDS)), in their order, in
    the active language."""
    rows = list(rows)
    language = get_language()
    zone = timezone.get_current_timezone()
    storage = Article._meta.get_field("cover_card").storage
    names = category_names({row["category_id"] for row in rows})
    return [
        Card(
            pk=row["id"],
            url=article_url(language, row["id"], row["slug"]),
            title=row["title"],
            summary=row["summary"],
            category=names.get(row["category_id"], ""),
            published=row["publish_at"].astimezone(zone),
            pinned=row["pinned"],
            cover_url=storage.url(row["cover_card"]) if row["cover_card"] else "",
            cover_width=row["cover_card_width"],
            cover_height=row["cover_card_height"],
            cover_alt=row["cover_alt"],
        )
        for row in rows
    ]


def values_of(article):
    """An article as a row for cards(), for lists that read model instances (search)."""
    row = {name: getattr(article, name) for name in FIELDS}
    return {**row, "cover_card": article.cover_card.name}


def category_names(ids):
    """{id: name in the active language} of the categories `ids`. The public lists' articles
    are in the category tabs (remembered); any other costs one query."""
    names = {tab.pk: tab.display_name for tab in Category.objects.tabs() if tab.pk in ids}
    missing = ids - names.keys()
    if missing:
        names |= {pk: c.display_name for pk, c in Category.objects.in_bulk(missing).items()}
    return names
