"""Who may see and restore revisions (editors only), and hostile text on the revision pages."""

import pytest
import reversion
from django.test import Client
from django.utils.html import escape
from reversion.models import Version

from articles.models import Article

from ..admin_forms import article_form
from ..hostile_payloads import EACH_PAYLOAD
from ..xss_assertions import content_of, find_executable_markup
from .helpers import (
    FIRST,
    RECOVER_LIST_URL,
    SECOND,
    compare_url,
    history_url,
    recover_url,
    revision_url,
    versions,
)

pytestmark = pytest.mark.django_db


# --- Who may see and restore revisions ----------------------------------------------------


@pytest.fixture
def history_pages(edited, make_article):
    """Name → address of every page that shows or restores old versions of an article."""
    with reversion.create_revision():
        gone = make_article(title="Withdrawn notice")
    gone.delete()
    first, second = versions(edited)
    return {
        "history": history_url(edited),
        "compare": compare_url(edited, first, second),
        "revision": revision_url(edited, first),
        "recover list": RECOVER_LIST_URL,
        "recover": recover_url(Version.objects.get_deleted(Article).get()),
    }


def test_editors_open_every_history_page(editor_client, history_pages):
    for name, url in history_pages.items():
        assert editor_client.get(url).status_code == 200, name


def test_message_handlers_see_no_revisions_and_restore_nothing(handler, edited, history_pages):
    handler_client = Client()
    handler_client.force_login(handler)
    for name, url in history_pages.items():
        assert handler_client.get(url).status_code == 403, name
        assert handler_client.post(url, article_form(edited.category, **FIRST)).status_code == 403
    edited.refresh_from_db()
    assert edited.title == SECOND["title"]
    assert not Article.objects.filter(title="Withdrawn notice").exists()
    assert len(versions(edited)) == 2


def test_anonymous_visitors_are_sent_to_the_login_page(visitor, history_pages):
    for name, url in history_pages.items():
        response = visitor.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/?next="), name


def script_sources(response):
    """The script-src of the page's Content-Security-Policy."""
    directives = [d.split() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return next(sources for name, *sources in directives if name == "script-src")


def test_only_the_restore_and_recover_forms_get_the_editors_policy(editor_client, history_pages):
    editor_pages = {"revision", "recover"}  # the change form, with CKEditor
    for name, url in history_pages.items():
        sources = script_sources(editor_client.get(url))
        expected = ["'self'", "'unsafe-inline'"] if name in editor_pages else ["'self'"]
        assert sources == expected, name


def test_a_deleted_article_is_recovered_not_restored(editor_client, edited):
    first, _ = versions(edited)
    url = revision_url(edited, first)
    assert editor_client.get(url).status_code == 200
    edited.delete()

    assert editor_client.get(url).status_code == 404


# --- Hostile text -------------------------------------------------------------------------


@pytest.mark.parametrize("payload", EACH_PAYLOAD)
def test_hostile_text_shows_as_text_on_history_pages(payload, editor_client, make_article):
    with reversion.create_revision():
        article = make_article(title="Plain title", summary="Plain summary.")
    with reversion.create_revision():
        article.title = payload.storable(200)
        article.summary = payload.storable(500)
        article.source = payload.storable(200)
        article.body = "<p>Plain words.</p>" + payload.storable()
        article.save()
        article.tags.add(payload.storable(100).strip() or "tag")
    first, second = versions(article)
    shown = [history_url(article), compare_url(article, first, second)]
    shown.append(revision_url(article, second))
    problems = []
    for url in [*shown, revision_url(article, first)]:
        response = editor_client.get(url)
        content = content_of(response)
        problems += [f"{url}: {finding}" for finding in find_executable_markup(content)]
        if response.status_code != 200 or (url in shown and payload.marker not in content):
            problems.append(f"{url}: status {response.status_code}, or the payload is not shown")
    compared = content_of(editor_client.get(shown[1]))
    # The diff shows each line of a text (str.splitlines) on a line of its own.
    lines = payload.storable(200).splitlines()
    if not all(escape(line) in compared for line in lines):
        problems.append("the compare page does not show the title exactly as written")
    article.delete()
    listed = editor_client.get(RECOVER_LIST_URL)
    problems += [
        f"recover list: {finding}" for finding in find_executable_markup(content_of(listed))
    ]
    assert not problems, "\n".join(problems)
