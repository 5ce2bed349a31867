"""An article read twice in one browser session is counted once (static/js/reading.js)."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from articles.models import DailyViews

pytestmark = pytest.mark.browser

# Headless Chromium names itself HeadlessChrome, which the beacon takes for a bot.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def reader(new_context):
    """A tab in a new browser session, and the beacons it sends with their answers."""
    page = new_context(user_agent=DESKTOP_CHROME).new_page()
    beacons, errors = [], []
    page.on("response", lambda r: beacons.append(r.status) if "/news/read/" in r.url else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, beacons, errors


def test_an_article_opened_twice_in_one_session_sends_one_beacon(new_context, make_article):
    article = make_article(title="Hydrogen plant opens")
    page, beacons, errors = reader(new_context)
    with page.expect_response(lambda response: "/news/read/" in response.url):
        page.goto(article.get_absolute_url())
    page.goto("/")
    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert beacons == [204]

    # Another session is another reader.
    other, other_beacons, other_errors = reader(new_context)
    with other.expect_response(lambda response: "/news/read/" in response.url):
        other.goto(article.get_absolute_url())
    assert other_beacons == [204]
    assert not errors + other_errors

    call_command("write_article_views", verbosity=0)
    assert DailyViews.objects.aggregate(total=Sum("views"))["total"] == 2
