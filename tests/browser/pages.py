"""The public pages that the layout, accessibility, validity and CSP tests visit; logging in
to the admin; the node tools (axe-core, the Nu Html Checker) that check pages."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from articles.models import Article, Category
from articles.sharing import share_url
from online_messages.models import Message

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A message that the form accepts, and one that only the server refuses (the browser's own
# checks pass): a phone number with letters, and a message of nothing but spaces.
GOOD_MESSAGE = {
    "name": "Li Wei",
    "email": "li.wei@example.com",
    "company": "Example Trading Co.",
    "content": "Please send me your product catalogue for the HX-150.",
}
BAD_MESSAGE = {
    "name": "Zhang Min",
    "phone": "call me maybe",
    "company": "Kept Company Ltd.",
    "content": "   ",
}
LABELS = {
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "company": "Company",
    "content": "Message",
}


def public_paths():
    """Name → path of every public page kind, built from the demo content (`loaddemo`)."""
    published = Article.objects.published()
    chinese = published.get(title="公司荣获年度氢能创新奖")  # tagged 氢能 in the demo
    # Its tag's page is in its language (the demo may write it in English or in Chinese).
    with translation.override(chinese.language):
        chinese_tag = reverse("articles:tag", kwargs={"slug": "氢能"})
    in_chinese = published.filter(language="zh-hans").first() or chinese
    english = published.filter(language="en")  # the pages whose English text tests look for
    board = {
        "message board": "/message/board/",
        "message board in Chinese": "/zh-hans/message/board/",
    }
    return {
        **(board if settings.MESSAGE_BOARD else {}),
        "home": "/",
        "news center": "/news/",
        "news center, page 2": "/news/?page=2",
        "category": Category.objects.get(slug="industry-news").get_absolute_url(),
        "article": english.first().get_absolute_url(),
        "article with a table": english.filter(body__contains="<table").first().get_absolute_url(),
        "article with a Chinese title": chinese.get_absolute_url(),
        "tag with a Chinese name": chinese_tag,
        "search with results": "/search/?q=hydrogen",
        "search without results": "/search/?q=zeppelin",
        "search form": "/search/",
        "shared preview of a draft": share_url(Article.objects.filter(status="draft").first())[0],
        "page not found": "/no-such-page/",
        "message form": "/message/",
        "home in Chinese": "/zh-hans/",
        "news center in Chinese": "/zh-hans/news/",
        "article in Chinese": in_chinese.get_absolute_url(),
        "search in Chinese": "/zh-hans/search/?q=氢能",
        "message form in Chinese": "/zh-hans/message/",
    }


def publish_board_messages():
    """A message on each language's board (MESSAGE_BOARD), approved, with a public reply."""
    for language, display_name, content, reply in (
        ("en", "Hydrogen fan", "When will the HX-150 ship?\nWe need twelve.", "In March."),
        ("zh-hans", "", "请问 HX-150 何时发货？", "三月发货。"),
    ):
        Message.objects.create(
            name="Li Wei",
            email="li.wei@example.com",
            content=content,
            language=language,
            display_name=display_name,
            publish_consent=True,
            board_approved_at=timezone.now(),
            public_reply=reply,
        )


def fill_message_form(page, fields):
    """Type a message into the Online Message form as a visitor would."""
    form = page.locator("form.message-form")
    for name, value in fields.items():
        # The whole label, "(required)" or not: "Name" is also in "Name shown on the board".
        label = re.compile(rf"^\s*{re.escape(LABELS[name])}(\s+\(required\))?\s*$")
        form.get_by_label(label).fill(value)


def send_message(page, fields):
    """Fill in and send the form; return the response of the page that follows."""
    page.goto("/message/")
    fill_message_form(page, fields)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send message").click()
    return navigation.value


def visit_every_public_page(page):
    """Go to each public page in turn (the message form also in its error state, and the
    thanks page); yield each page's name and response once it has loaded."""
    for name, path in public_paths().items():
        response = page.goto(path)
        if name == "search with results":
            expect(page.locator(".news-list .card").first).to_be_visible()
        yield name, response
    response = send_message(page, BAD_MESSAGE)
    expect(page.locator(".message-form__summary")).to_be_visible()
    yield "message form with errors", response
    response = send_message(page, GOOD_MESSAGE)
    expect(page).to_have_url(re.compile("/message/thanks/$"))
    yield "thanks page", response


def login(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
