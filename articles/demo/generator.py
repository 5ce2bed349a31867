"""Made-up but plausible news of Lanfeng Hydrogen for `manage.py seed_articles`.

Titles and bodies are put together from the templates and word lists in `phrases`, so that
thousands of articles read differently, cost little to make, and come out the same for the same
random seed.
"""

from datetime import timedelta
from html import escape

from .phrases import (
    AWARDS,
    CITIES,
    COMPANY,
    EVENTS,
    GENERAL,
    HEADINGS,
    NUMBERS,
    OUTLETS,
    PARTNERS,
    PERCENTS,
    POINTS,
    PRODUCTS,
    QUARTERS,
    QUOTES,
    ROLES,
    SEASONS,
    SENTENCES,
    SOURCES,
    TITLES,
    TOPICS,
    VEHICLES,
    WEEKDAYS,
)

# (motif of articles.demo.covers, alt text) for the few covers that all seeded articles share.
COVERS = (
    ("molecules", "Abstract blue illustration of paired hydrogen atoms joined by bonds"),
    ("hexagons", "Blue honeycomb pattern of hexagons, as in a fuel cell catalyst diagram"),
    ("rings", "White concentric rings on a dark blue gradient"),
    ("flow", "Light diagonal bands over a blue gradient, suggesting a production line"),
    ("molecules", "Hydrogen molecules drawn as joined white circles on blue"),
    ("hexagons", "A honeycomb of thin white hexagons thinning out to the left"),
)
# Share of the articles per category, and of the kinds of article (per thousand).
CATEGORY_WEIGHTS = {"company-news": 50, "industry-news": 35, "media-coverage": 15}
DRAFTS, SCHEDULED, PINNED, WITHOUT_COVER = 30, 10, 10, 120
YEARS = 10


class ArticleMaker:
    """Field values of made-up articles; the same `rng` seed gives the same articles."""

    def __init__(self, rng, today):
        self.rng = rng
        self.today = today  # an aware datetime at midnight: dates count back from it
        self.titles = {}  # title -> how many times it came up
        self.slugs = list(CATEGORY_WEIGHTS)
        self.weights = list(CATEGORY_WEIGHTS.values())

    def fields(self):
        """A dict of Article fields, with the category as a slug, the cover as an index and
        the tags as names."""
        rng = self.rng
        slug = rng.choices(self.slugs, self.weights)[0]
        kind = rng.randrange(1000)
        status, days = "published", rng.randrange(365 * YEARS)
        if kind < DRAFTS:
            status, days = "draft", rng.randrange(60)
        elif kind < DRAFTS + SCHEDULED:
            days = -rng.randint(1, 60)
        # Office hours, in the site's time zone (`today` is local midnight).
        publish_at = self.today + timedelta(days=-days, minutes=rng.randrange(8 * 60, 18 * 60))
        words = self.words(publish_at.year)
        cover = None if rng.randrange(1000) < WITHOUT_COVER else rng.randrange(len(COVERS))
        sizes = [rng.randint(2, 3) for _ in range(rng.randint(3, 6))]
        lead = rng.randint(sizes[0], sizes[0] + 3)  # from the category's own sentences
        sentences = rng.sample(SENTENCES[slug], lead) + rng.sample(GENERAL, sum(sizes) - lead)
        texts = [sentence.format_map(words) for sentence in sentences]
        paragraphs = []
        for size in sizes:
            paragraphs.append(" ".join(texts[:size]))
            del texts[:size]
        body = self.body(paragraphs, words)
        return {
            "title": self.title(slug, words),
            "category": slug,
            "summary": paragraphs[0],
            "body": body,
            "source": words["outlet"] if slug == "media-coverage" else rng.choice(SOURCES[slug]),
            "status": status,
            "publish_at": publish_at,
            "pinned": DRAFTS + SCHEDULED <= kind < DRAFTS + SCHEDULED + PINNED,
            "cover": cover,
            # From the words already drawn, so that tags leave the other fields as they were.
            "tags": [words["Topic"], words["Vehicles"]],
        }

    def words(self, year):
        rng = self.rng
        city, city2 = rng.sample(CITIES, 2)
        product, product2 = rng.sample(PRODUCTS, 2)
        topic, topic2 = rng.sample(TOPICS, 2)
        vehicles = rng.choice(VEHICLES)
        return {
            "company": COMPANY,
            "city": city,
            "city2": city2,
            "partner": rng.choice(PARTNERS),
            "product": product,
            "Product": HEADLINE[product],
            "Product2": HEADLINE[product2],
            "vehicles": vehicles,
            "Vehicles": HEADLINE[vehicles],
            "topic": topic,
            "Topic": HEADLINE[topic],
            "Topic2": HEADLINE[topic2],
            "event": rng.choice(EVENTS),
            "outlet": rng.choice(OUTLETS),
            "role": (role := rng.choice(ROLES)),
            "Role": HEADLINE[role],
            "award": rng.choice(AWARDS),
            "quarter": rng.choice(QUARTERS),
            "year": year,
            "later_year": year + rng.randint(2, 8),
            "n": rng.choice(NUMBERS),
            "percent": rng.choice(PERCENTS),
            "weekday": rng.choice(WEEKDAYS),
            "season": rng.choice(SEASONS),
        }

    def title(self, slug, words):
        """A title not used before in this run; a number tells rare repeats apart."""
        title = self.rng.choice(TITLES[slug]).format_map(words)
        seen = self.titles[title] = self.titles.get(title, 0) + 1
        return f"{title} ({seen})" if seen > 1 else title

    def body(self, paragraphs, words):
        """The body's HTML: the paragraphs, perhaps with a quote and a list among them."""
        rng = self.rng
        blocks = [f"<p>{escape(text, quote=False)}</p>" for text in paragraphs]
        if rng.random() < 0.3:
            quoted = escape(rng.choice(QUOTES), quote=False)
            blocks.insert(rng.randint(1, len(blocks)), f"<blockquote><p>{quoted}</p></blockquote>")
        if rng.random() < 0.25:
            heading = rng.choice(HEADINGS)
            points = [point.format_map(words) for point in rng.sample(POINTS, rng.randint(3, 5))]
            items = "".join(f"<li>{escape(point, quote=False)}</li>" for point in points)
            blocks.insert(rng.randint(1, len(blocks)), f"<h2>{heading}</h2><ul>{items}</ul>")
        return "\n".join(blocks)


SMALL_WORDS = {"a", "and", "for", "in", "of", "on", "the", "to"}


def title_case(phrase):
    """As in a headline: "head of after-sales service" → "Head of After-Sales Service"."""
    return " ".join(
        word if number and word in SMALL_WORDS else "-".join(map(capitalize, word.split("-")))
        for number, word in enumerate(phrase.split())
    )


def capitalize(word):
    return word[:1].upper() + word[1:]  # str.capitalize() would lower "MPa"


# Headline forms of the phrases that titles use, made once: per article they would cost more
# than the rest of its title.
HEADLINE = {phrase: title_case(phrase) for phrase in (*PRODUCTS, *VEHICLES, *TOPICS, *ROLES)}
