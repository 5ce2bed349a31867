"""Demo content for `manage.py loaddemo`: the news of Lanfeng Hydrogen, a fictional maker of
hydrogen fuel cells, storage tanks and systems.

Each article is a dict of model fields plus `age` (days before the load; negative means
scheduled), `motif` (its generated cover, see covers.MOTIFS), `tags` (names) and optional
`status` and `pinned`.
"""

from .company import ARTICLES as COMPANY_ARTICLES
from .industry import ARTICLES as INDUSTRY_ARTICLES
from .media import ARTICLES as MEDIA_ARTICLES

# (slug, name, position)
CATEGORIES = (
    ("company-news", "Company News", 1),
    ("industry-news", "Industry News", 2),
    ("media-coverage", "Media Coverage", 3),
)
ARTICLES = COMPANY_ARTICLES + INDUSTRY_ARTICLES + MEDIA_ARTICLES
