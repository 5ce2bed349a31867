"""What the cluster tests do on the site: find an article, edit it in the admin, send messages,
and tell a page that came from the page cache."""

import time
import uuid
from contextlib import contextmanager

from tests.cluster.web import form_with

# MESSAGE_MIN_SECONDS (3) and a margin: a form sent sooner is stored as spam ("too fast").
FORM_MIN_AGE = 3.5
MESSAGE_TABLE = "online_messages_message"


def english_article(cluster, offset=0):
    """(id, public path) of a published English article of the demo content."""
    ((article_id,),) = cluster.query(
        "SELECT id FROM articles_article WHERE language = 'en' AND status = 'published'"
        " AND publish_at <= now() ORDER BY id OFFSET %s LIMIT 1",
        [offset],
    )
    response = cluster.browser().get(f"/news/{article_id}/")
    assert response.status == 301, response.status
    return article_id, response.location


def edit_article(browser, article_id, **values):
    """Save the article's change form in the admin, as served, with `values` typed in."""
    path = f"/admin/articles/article/{article_id}/change/"
    page = browser.get(path)
    assert page.status == 200, page.status
    form = form_with(page.text, "title")
    form.update({**values, "_save": "Save"})
    response = browser.post(path, form.pairs())
    assert response.status == 302, f"the change form was refused:\n{response.text[:3000]}"
    return response


def article_field(cluster, article_id, field):
    ((value,),) = cluster.query(f"SELECT {field} FROM articles_article WHERE id = %s", [article_id])
    return value


@contextmanager
def changed_behind_the_cache(cluster, article_id):
    """Yield (title, hidden): the article's title is `hidden` in the database, written directly
    so that no signal tells the page cache; `title` again afterwards. A page that shows `title`
    meanwhile came from the page cache."""
    title = article_field(cluster, article_id, "title")
    hidden = f"Changed behind the cache {uuid.uuid4().hex[:8]}"
    update = "UPDATE articles_article SET title = %s WHERE id = %s"
    cluster.execute(update, [hidden, article_id])
    try:
        yield title, hidden
    finally:
        cluster.execute(update, [title, article_id])


def served_from_cache(cluster, browser, article_id, path):
    """Whether `browser` gets the article's page from the page cache (see above)."""
    with changed_behind_the_cache(cluster, article_id) as (title, hidden):
        page = browser.get(path)
    assert page.status == 200, page.status
    assert hidden in page.text or title in page.text, "the page shows neither title"
    return hidden not in page.text


def served_message_forms(browsers):
    """Each browser's served message form, aged enough to be sent as a person would."""
    forms = []
    for browser in browsers:
        page = browser.get("/message/")
        assert page.status == 200, page.status
        forms.append(form_with(page.text, "content"))
    time.sleep(FORM_MIN_AGE)
    return forms


def filled_message(form, content):
    form.update(
        {"name": "Cluster Test", "email": "visitor@example.com", "company": "", "content": content}
    )
    return form.pairs()


def accepted(response):
    """Whether a message POST got the thanks page."""
    return response.status == 302 and response.location.endswith("/message/thanks/")


def stored_messages(cluster, marker):
    """{content: number of stored messages} for the messages whose content has `marker`."""
    rows = cluster.query(
        f"SELECT content, count(*) FROM {MESSAGE_TABLE} WHERE content LIKE %s GROUP BY content",
        [f"%{marker}%"],
    )
    return dict(rows)
