"""Every hostile payload through every path where user text appears: none of it runs (issue 5).

One test per payload and path family; each test fetches every page of its family and reports
all problems at once, naming the page and the markup that a payload turned live.
"""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.contrib.admin import helpers
from django.contrib.admin.models import ADDITION, LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from articles.views import SearchView
from online_messages.models import Message
from online_messages.tasks import send_notification

from .hostile_payloads import EACH_PAYLOAD, PAYLOADS
from .messages import FORM_URL, form_data
from .xss_assertions import (
    content_of,
    csv_rows,
    find_csv_problems,
    find_email_problems,
    find_executable_markup,
    find_feed_problems,
    links,
)

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
STAFF = ["staff@example.com"]
SEARCH_WORD = "quokka"  # In every hostile article's body, so a search finds it on any backend.
BY_PAYLOAD = [pytest.param(payload, id=payload.id) for payload in PAYLOADS]
# Through the site, each payload fetches a dozen pages or more. `make check` takes the first of
# each kind through every path, `make test` all of them.
THROUGH_THE_SITE = EACH_PAYLOAD


@pytest.fixture
def admin_user(db, django_user_model):
    """The superuser behind `admin_client`, with no password: hashing one for each of the
    hundreds of tests here would take most of their time."""
    return django_user_model.objects.create_superuser("admin", "admin@example.com", None)


class Checker:
    """Fetches pages for one payload and collects every problem, to report them all at once."""

    def __init__(self, payload):
        self.payload = payload
        self.problems = []

    def fail(self, where, problem):
        self.problems.append(f"{where}: {problem}")

    def response(self, response, where, shows=True, status=200):
        if response.status_code != status:
            self.fail(where, f"status {response.status_code}, expected {status}")
        text = content_of(response)
        for finding in find_executable_markup(text):
            self.fail(where, finding)
        if shows and self.payload.marker not in text:
            self.fail(where, "the payload is not shown, so this path went untested")
        return text

    def page(self, client, url, data=None, shows=True):
        where = f"GET {url}" + (f" {data}" if data else "")
        return self.response(client.get(url, data), where, shows)

    def xml(self, client, url, shows=True):
        response = client.get(url)
        if response.status_code != 200:
            self.fail(f"GET {url}", f"status {response.status_code}")
        for problem in find_feed_problems(response.content, ORIGIN):
            self.fail(f"GET {url}", problem)
        if shows and self.payload.marker not in content_of(response):
            self.fail(f"GET {url}", "the payload is not in it, so this path went untested")
        return response.content

    def sitemap(self, client):
        """The sitemap, and each section when it is an index of sections."""
        index = ET.fromstring(self.xml(client, "/sitemap.xml", shows=False))
        for loc in index.iter(f"{SITEMAP}loc") if index.tag == f"{SITEMAP}sitemapindex" else []:
            self.xml(client, urlsplit(loc.text).path, shows=False)

    def assert_clean(self):
        assert not self.problems, f"{self.payload.id} {self.payload.text[:120]!r}:\n" + "\n".join(
            self.problems
        )


# --- The payloads and the detector themselves ----------------------------------------------


def test_payloads_are_many_distinct_and_marked():
    texts = [payload.text for payload in PAYLOADS]
    assert len(PAYLOADS) >= 60 and len(set(texts)) == len(texts)
    for payload in PAYLOADS:
        assert texts.count(payload.text) == 1 and payload.text.count(payload.marker) >= 1
        for limit in (100, 200, 500):  # The shortest fields still carry the marker.
            assert payload.marker in payload.storable(limit), (payload.id, limit)


CONTEXTS = ("<p>{}</p>", '<input value="{}">', "<input value='{}'>", '<a href="{}">x</a>')
# Kinds whose every payload runs in at least one of CONTEXTS when written out unescaped.
LIVE_KINDS = {"script", "breakout", "event", "svg-math", "url", "embed", "style", "long"}


@pytest.mark.parametrize("payload", BY_PAYLOAD)
def test_detector_flags_the_payload_unescaped_and_passes_it_escaped(payload):
    unescaped = [find_executable_markup(c.format(payload.text)) for c in CONTEXTS]
    if payload.kind in LIVE_KINDS:
        assert any(unescaped), "the detector misses this payload where it would run"
    # Escaping protects text and quoted attributes; a URL needs its scheme checked as well.
    escaped = [find_executable_markup(c.format(escape(payload.text))) for c in CONTEXTS[:3]]
    assert not any(escaped), escaped


def test_detector_checks_feeds_csv_and_email():
    rss = b"<rss><channel><item><link>http://evil.example/</link><description>"
    rss += b"&lt;img src=x onerror=alert('xss001')&gt;</description></item></channel></rss>"
    assert len(find_feed_problems(rss, ORIGIN)) == 2
    assert find_feed_problems(b"<rss><title>]]><script>", ORIGIN)
    assert find_csv_problems('"=1+1",ok\r\n') == ["row 1, column 1: '=1+1'"]
    assert not find_csv_problems('"\'=1+1",ok\r\n')
    message = mail.EmailMultiAlternatives("Hi", "text", to=STAFF, bcc=["x@evil.example"])
    message.attach_alternative("<p>html</p>", "text/html")
    assert len(find_email_problems(message, STAFF)) == 3


# --- Article and category text -------------------------------------------------------------


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_article_and_category_text_never_runs(
    payload, client, admin_client, admin_user, make_category, make_article, image_upload
):
    category = make_category(name=payload.storable(100), slug=f"hostile-{payload.marker}")
    article = make_article(
        category=category,
        title=payload.storable(200),
        summary=payload.storable(500),
        # The word first: an unclosed <script> or <style> takes all that follows with it.
        body=f"<p>{SEARCH_WORD}</p>" + payload.storable(),
        source=payload.storable(200),
        cover=image_upload(size=(96, 54)),
        cover_alt=payload.storable(200),
    )
    LogEntry.objects.log_actions(admin_user.pk, [article, category], ADDITION)
    check = Checker(payload)

    check.page(client, "/")
    check.page(client, "/news/")
    check.page(client, category.get_absolute_url())
    html = check.page(client, article.get_absolute_url())
    if escape(payload.storable(200)) not in html:
        check.fail("article page", "the title is not shown exactly as written")
    check.page(client, "/search/", {"q": SEARCH_WORD})
    check.page(admin_client, reverse("articles:preview", args=[article.pk]))
    check.xml(client, "/feed/")
    check.xml(client, "/feed/atom/")
    check.sitemap(client)

    check.page(admin_client, reverse("admin:index"))
    check.page(admin_client, reverse("admin:articles_article_changelist"))
    for view in ("change", "delete", "history"):
        check.page(admin_client, reverse(f"admin:articles_article_{view}", args=[article.pk]))
    check.page(admin_client, reverse("admin:articles_category_changelist"))
    check.page(admin_client, reverse("admin:articles_category_change", args=[category.pk]))
    check.assert_clean()


# --- The search query, echoed back -----------------------------------------------------------


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_search_query_is_echoed_as_text(payload, client, admin_client, make_article, monkeypatch):
    make_article(title="Plain article one")
    make_article(title="Plain article two")
    check = Checker(payload)
    shown = payload.text.replace("\x00", "").strip()[:200]  # What the search view keeps.
    echoed = payload.marker in shown

    check.page(client, "/search/", {"q": payload.text}, shows=echoed)
    # Every article matches, whatever the backend makes of the query, one to a page: the
    # pagination links carry the query too.
    monkeypatch.setattr(SearchView, "get_queryset", lambda view: Article.objects.published())
    monkeypatch.setattr(SearchView, "paginate_by", 1)
    first = check.page(client, "/search/", {"q": payload.text}, shows=echoed)
    second = check.page(client, "/search/", {"q": payload.text, "page": 2}, shows=echoed)
    for html, rel in ((first, "next"), (second, "prev")):
        hrefs = links(html, rel)
        if not hrefs or parse_qs(urlsplit(hrefs[0]).query).get("q") != [shown]:
            check.fail(f"search page {rel} link", f"does not keep the query: {hrefs}")

    # Every admin list echoes its search box the same way; the message inbox stands for all.
    inbox = reverse("admin:online_messages_message_changelist")
    check.page(admin_client, inbox, {"q": payload.text})
    # The admin fills an add form in from the address: a link a staff member might be sent.
    prefill = {"title": payload.text, "summary": payload.text, "body": payload.text}
    check.page(admin_client, reverse("admin:articles_article_add"), prefill)
    # A mistyped address is not echoed, but its 404 page must stay harmless all the same.
    response = client.get(f"/news/category/{quote(payload.text, safe='')}/")
    check.response(response, "404 page", shows=False, status=404)
    check.assert_clean()


# --- Online messages -------------------------------------------------------------------------


def hostile_email(payload):
    """The payload as a valid address (a quoted local part may hold markup), if it can be one."""
    address = f'"{payload.text}"@example.com'
    try:
        validate_email(address)
    except ValidationError:
        return "sender@example.com"
    return address if len(address) <= 254 else "sender@example.com"


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_message_fields_never_run(
    payload, client, admin_client, settings, django_capture_on_commit_callbacks, make_message
):
    settings.MESSAGE_RATE_LIMIT = 100
    settings.MESSAGE_NOTIFY_EMAILS = STAFF
    check = Checker(payload)
    text = payload.text

    # Sent back with errors (the phone number refuses every payload), all fields hostile.
    every_field = form_data(name=text, email=text, phone=text, company=text, content=text)
    response = client.post(FORM_URL, every_field)
    check.response(response, "form with errors")
    settings.MESSAGE_RATE_LIMIT = 0  # Over the limit, the form comes back filled in too.
    check.response(client.post(FORM_URL, every_field), "rate-limited form", status=429)
    settings.MESSAGE_RATE_LIMIT = 100
    assert not Message.objects.exists()

    # Accepted: the thanks page shows the name, staff get an email.
    fields = form_data(
        name=payload.fit(100),
        email=hostile_email(payload),
        company=payload.fit(200),
        content=payload.fit(5000),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, fields, follow=True)
    if response.redirect_chain:
        check.response(response, "thanks page")
        (email,) = mail.outbox
        for problem in find_email_problems(email, STAFF):
            check.fail("notification email", problem)
        if payload.marker not in email.body:
            check.fail("notification email", "the message is not in the body")
    else:  # Refused (NUL characters): an error on the form, nothing stored, nothing sent.
        check.response(response, "form refusing the message", shows=False)
        assert response.context["form"].errors
        assert not Message.objects.exists() and not mail.outbox

    # Staff read every field of a stored message: the admin, the CSV export, the email.
    message = make_message(
        name=payload.storable(100),
        email=payload.storable(254),
        phone=payload.storable(40),
        company=payload.storable(200),
        content=payload.storable(5000),
        internal_note=payload.storable(),
        user_agent=payload.storable(300),
    )
    changelist = reverse("admin:online_messages_message_changelist")
    check.page(admin_client, changelist)
    check.page(admin_client, message.get_admin_url())
    export = admin_client.post(
        changelist, {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [message.pk]}
    )
    if export.get("Content-Type", "").split(";")[0] != "text/csv":
        check.fail("CSV export", f"not a CSV file: status {export.status_code}")
    for problem in find_csv_problems(export.content):
        check.fail("CSV export", problem)
    if not any(payload.marker in cell for row in csv_rows(export.content) for cell in row):
        check.fail("CSV export", "the payload is not in it, so this path went untested")

    # Its email field never went through the form, so sending may be refused (an address
    # with a line break, say); what is sent must be safe.
    mail.outbox = []
    send_notification.call(message.pk)
    if mail.outbox:
        for problem in find_email_problems(mail.outbox[0], STAFF):
            check.fail("email about a stored message", problem)
    check.assert_clean()
