"""Made-up but plausible news of Lanfeng Hydrogen for `manage.py seed_articles`.

Titles and bodies are put together from the templates and word lists in `phrases` (English)
and `phrases_zh` (Simplified Chinese, half the articles), so that
thousands of articles read differently, cost little to make, and come out the same for the same
random seed.
"""

from datetime import timedelta
from html import escape

from . import phrases, phrases_zh

# The phrase set of each language; half the articles are Chinese.
PHRASES = {"en": phrases, "zh-hans": phrases_zh}
CHINESE_SHARE = 0.5
# How the sentences of a paragraph are joined: Chinese runs them on without spaces.
JOINERS = {"en": " ", "zh-hans": ""}

# (motif of articles.demo.covers, alt text, Chinese alt text) for the few covers that all
# seeded articles share.
COVERS = (
    ("molecules", "Abstract blue illustration of paired hydrogen atoms joined by bonds",
     "蓝色抽象插图：以化学键相连的成对氢原子"),
    ("hexagons", "Blue honeycomb pattern of hexagons, as in a fuel cell catalyst diagram",
     "蓝色六边形蜂窝图案，形似燃料电池催化剂示意图"),
    ("rings", "White concentric rings on a dark blue gradient", "深蓝色渐变背景上的白色同心圆"),
    ("flow", "Light diagonal bands over a blue gradient, suggesting a production line",
     "蓝色渐变背景上的浅色斜向条带，宛如一条生产线"),
    ("molecules", "Hydrogen molecules drawn as joined white circles on blue",
     "蓝色背景上以相连白色圆圈表示的氢分子"),
    ("hexagons", "A honeycomb of thin white hexagons thinning out to the left",
     "由细白线六边形组成、向左逐渐稀疏的蜂窝图案"),
)  # fmt: skip
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
        language = "zh-hans" if rng.random() < CHINESE_SHARE else "en"
        ph = PHRASES[language]
        slug = rng.choices(self.slugs, self.weights)[0]
        kind = rng.randrange(1000)
        status, days = "published", rng.randrange(365 * YEARS)
        if kind < DRAFTS:
            status, days = "draft", rng.randrange(60)
        elif kind < DRAFTS + SCHEDULED:
            days = -rng.randint(1, 60)
        # Office hours, in the site's time zone (`today` is local midnight).
        publish_at = self.today + timedelta(days=-days, minutes=rng.randrange(8 * 60, 18 * 60))
        words = self.words(ph, publish_at.year)
        cover = None if rng.randrange(1000) < WITHOUT_COVER else rng.randrange(len(COVERS))
        sizes = [rng.randint(2, 3) for _ in range(rng.randint(3, 6))]
        lead = rng.randint(sizes[0], sizes[0] + 3)  # from the category's own sentences
        sentences = rng.sample(ph.SENTENCES[slug], lead) + rng.sample(ph.GENERAL, sum(sizes) - lead)
        texts = [sentence.format_map(words) for sentence in sentences]
        paragraphs = []
        for size in sizes:
            paragraphs.append(JOINERS[language].join(texts[:size]))
            del texts[:size]
        body = self.body(ph, paragraphs, words)
        return {
            "language": language,
            "title": self.title(ph, slug, words),
            "category": slug,
            "summary": paragraphs[0],
            "body": body,
            "source": words["outlet"] if slug == "media-coverage" else rng.choice(ph.SOURCES[slug]),
            "status": status,
            "publish_at": publish_at,
            "pinned": DRAFTS + SCHEDULED <= kind < DRAFTS + SCHEDULED + PINNED,
            "cover": cover,
            # From the words already drawn, so that tags leave the other fields as they were.
            "tags": [words["Topic"], words["Vehicles"]],
        }

    def words(self, ph, year):
        rng = self.rng
        city, city2 = rng.sample(ph.CITIES, 2)
        product, product2 = rng.sample(ph.PRODUCTS, 2)
        topic, topic2 = rng.sample(ph.TOPICS, 2)
        vehicles = rng.choice(ph.VEHICLES)
        return {
            "company": ph.COMPANY,
            "city": city,
            "city2": city2,
            "partner": rng.choice(ph.PARTNERS),
            "product": product,
            "Product": HEADLINE[product],
            "product2": product2,
            "Product2": HEADLINE[product2],
            "vehicles": vehicles,
            "Vehicles": HEADLINE[vehicles],
            "topic": topic,
            "Topic": HEADLINE[topic],
            "topic2": topic2,
            "Topic2": HEADLINE[topic2],
            "event": rng.choice(ph.EVENTS),
            "outlet": rng.choice(ph.OUTLETS),
            "role": (role := rng.choice(ph.ROLES)),
            "Role": HEADLINE[role],
            "award": rng.choice(ph.AWARDS),
            "quarter": rng.choice(ph.QUARTERS),
            "year": year,
            "later_year": year + rng.randint(2, 8),
            "n": rng.choice(ph.NUMBERS),
            "percent": rng.choice(ph.PERCENTS),
            "weekday": rng.choice(ph.WEEKDAYS),
            "season": rng.choice(ph.SEASONS),
        }

    def title(self, ph, slug, words):
        """A title not used before in this run; a number tells rare repeats apart."""
        title = self.rng.choice(ph.TITLES[slug]).format_map(words)
        seen = self.titles[title] = self.titles.get(title, 0) + 1
        return f"{title} ({seen})" if seen > 1 else title

    def body(self, ph, paragraphs, words):
        """The body's HTML: the paragraphs, perhaps with a quote and a list among them."""
        rng = self.rng
        blocks = [f"<p>{escape(text, quote=False)}</p>" for text in paragraphs]
        if rng.random() < 0.3:
            quoted = escape(rng.choice(ph.QUOTES), quote=False)
            blocks.insert(rng.randint(1, len(blocks)), f"<blockquote><p>{quoted}</p></blockquote>")
        if rng.random() < 0.25:
            heading = rng.choice(ph.HEADINGS)
            points = [point.format_map(words) for point in rng.sample(ph.POINTS, rng.randint(3, 5))]
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
# Chinese has no capitals: its phrases stand for themselves.
HEADLINE = {
    **{p: p for p in (*phrases_zh.PRODUCTS, *phrases_zh.VEHICLES, *phrases_zh.TOPICS)},
    **{p: p for p in phrases_zh.ROLES},
    **{p: title_case(p) for p in (*phrases.PRODUCTS, *phrases.VEHICLES, *phrases.TOPICS)},
    **{p: title_case(p) for p in phrases.ROLES},
}
