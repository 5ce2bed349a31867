from .article import EARLIEST_PUBLISH_AT, LATEST_PUBLISH_AT, Article, ArticleQuerySet
from .category import Category, CategoryQuerySet
from .readership import DailyViews
from .redirect import Redirect
from .tags import TaggedArticle

__all__ = [
    "EARLIEST_PUBLISH_AT",
    "LATEST_PUBLISH_AT",
    "Article",
    "ArticleQuerySet",
    "Category",
    "CategoryQuerySet",
    "DailyViews",
    "Redirect",
    "TaggedArticle",
]
