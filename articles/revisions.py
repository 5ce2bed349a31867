"""Which models keep revisions (django-reversion): an article with its tags.

The admin saves a revision on every save (VersionAdmin); commands and imports wrap their saves
in reversion.create_revision().
"""

import reversion

from .models import Article, TaggedArticle


def register():
    if not reversion.is_registered(Article):
        reversion.register(TaggedArticle)
        reversion.register(Article, follow=["tagged_items"])
