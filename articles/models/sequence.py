"""An article's place in the published sequence of its language: the articles either side."""


class InSequence:
    """Article's previous and next articles, as its page links to them."""

    # Each neighbour query has one range on publish_at, so the sequence index answers it
    # without a scan; ties on publish_at are broken by id.

    def get_previous_article(self):
        """The published article just before this one in time."""
        earlier = type(self).objects.published(by=self.publish_at).in_language(self.language)
        earlier = earlier.exclude(publish_at=self.publish_at, id__gte=self.id)
        return self._first(earlier.order_by("-publish_at", "-id"))

    def get_next_article(self):
        """The published article just after this one in time."""
        later = type(self).objects.published().in_language(self.language)
        later = later.filter(publish_at__gte=self.publish_at)
        later = later.exclude(publish_at=self.publish_at, id__lte=self.id)
        return self._first(later.order_by("publish_at", "id"))

    @staticmethod
    def _first(articles):
        return articles.only("id", "slug", "language", "title").first()
