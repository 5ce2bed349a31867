"""Demo content for `manage.py loaddemo`: the news of Lanfeng Hydrogen (蓝峰氢能), a fictional
maker of hydrogen fuel cells, storage tanks and systems, in English and Simplified Chinese.

Each article is a dict of model fields plus `key` (its story: the translations of one story
share it), `age` (days before the load; negative means scheduled), `motif` (its generated cover,
see covers.MOTIFS), `tags` (names) and optional `status` and `pinned`.
"""

from .company import ARTICLES as COMPANY_ARTICLES
from .company_zh import ARTICLES as COMPANY_ARTICLES_ZH
from .events_zh import ARTICLES as EVENTS_ARTICLES_ZH
from .industry import ARTICLES as INDUSTRY_ARTICLES
from .industry_zh import ARTICLES as INDUSTRY_ARTICLES_ZH
from .media import ARTICLES as MEDIA_ARTICLES
from .media_zh import ARTICLES as MEDIA_ARTICLES_ZH

# (slug, name, Chinese name, position)
CATEGORIES = (
    ("company-news", "Company News", "公司新闻", 1),
    ("industry-news", "Industry News", "行业动态", 2),
    ("media-coverage", "Media Coverage", "媒体报道", 3),
)
# By language; English first, so a story's first article gives it its translation key.
ARTICLES_BY_LANGUAGE = {
    "en": COMPANY_ARTICLES + INDUSTRY_ARTICLES + MEDIA_ARTICLES,
    "zh-hans": COMPANY_ARTICLES_ZH + EVENTS_ARTICLES_ZH + INDUSTRY_ARTICLES_ZH + MEDIA_ARTICLES_ZH,
}
ARTICLES = [
    {**article, "language": language}
    for language, articles in ARTICLES_BY_LANGUAGE.items()
    for article in articles
]
