"""The public message board (MESSAGE_BOARD): what it shows, in which language, paged and cached,
and that with the board off nothing of it shows."""

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from online_messages.models import Message
from tests.hostile_payloads import PAYLOADS
from tests.xss_assertions import find_executable_markup

from .messages import FORM_URL, form_data

BOARD_URL = "/message/board/"
CHINESE_BOARD_URL = "/zh-hans/message/board/"


@pytest.fixture(autouse=True)
def board_on(settings):
    settings.MESSAGE_BOARD = True
    settings.MESSAGE_BOARD_PAGE_SIZE = 10


@pytest.fixture
def make_board_message(make_message):
    """A message its sender agreed to publish, approved by staff unless told otherwise."""

    def make(approved=True, **fields):
        fields.setdefault("publish_consent", True)
        if approved:
            fields.setdefault("board_approved_at", timezone.now())
        return make_message(**fields)

    return make


def board_text(client, url=BOARD_URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_approved_message_and_reply_show_without_contact_details(client, make_board_message):
    make_board_message(
        name="Li Wei",
        display_name="Hydrogen fan",
        email="li.wei@example.com",
        phone="+86 21 5555 0199",
        company="Example Trading Co.",
        content="When will the HX-150 ship?\nWe need twelve.",
        public_reply="In March. We will write to you.",
        created_at=timezone.make_aware(datetime(2020, 11, 20, 9, 30)),
    )
    html = board_text(client)
    assert "Hydrogen fan" in html
    assert "When will the HX-150 ship?\nWe need twelve." in html  # line break kept (pre-line)
    assert "In March. We will write to you." in html
    assert "Reply from" in html
    assert "2020.11.20" in html
    for private in ("Li Wei", "li.wei@example.com", "5555 0199", "Example Trading Co."):
        assert private not in html


def test_message_without_a_display_name_is_shown_as_visitor(client, make_board_message):
    make_board_message(name="Zhang Min", display_name="", content="Thanks for the catalogue.")
    html = board_text(client)
    assert "Thanks for the catalogue." in html
    assert "Visitor" in html
    assert "Zhang Min" not in html


@pytest.mark.parametrize(
    "fields",
    [
        {"approved": False},  # consent given, not approved
        {"publish_consent": False, "approved": False},
        {"status": Message.Status.SPAM},  # approved, then marked spam
    ],
    ids=["unapproved", "no consent", "spam"],
)
def test_messages_not_approved_or_spam_stay_off_the_board(client, make_board_message, fields):
    make_board_message(content="Not for the public.", **fields)
    html = board_text(client)
    assert "Not for the public." not in html
    assert "No messages have been published yet." in html


def test_newest_first(client, make_board_message):
    make_board_message(content="Older message.", age=timedelta(days=2))
    make_board_message(content="Newer message.", age=timedelta(days=1))
    html = board_text(client)
    assert html.index("Newer message.") < html.index("Older message.")


def test_each_language_has_its_own_board(client, make_board_message):
    make_board_message(content="Written in English.", language="en")
    make_board_message(content="请问何时发货？", language="zh-hans", display_name="")
    english = board_text(client)
    chinese = board_text(client, CHINESE_BOARD_URL)
    assert "Written in English." in english and "请问何时发货？" not in english
    assert "请问何时发货？" in chinese and "Written in English." not in chinese
    assert "访客" in chinese


def test_pages_of_the_board(client, make_board_message, settings):
    settings.MESSAGE_BOARD_PAGE_SIZE = 2
    for n in range(5):
        make_board_message(content=f"Board message {n}.", age=timedelta(hours=n + 1))
    first, third = board_text(client), board_text(client, page=3)
    assert "Board message 0." in first and "Board message 2." not in first
    assert 'href="?page=2"' in first and 'rel="next"' in first
    assert "Board message 4." in third and "Board message 0." not in third


@pytest.mark.parametrize(("page", "status"), [("99", 404), ("x", 404), ("02", 301), ("1", 301)])
def test_bad_page_numbers_are_handled_as_on_the_news_list(client, make_board_message, page, status):
    make_board_message()
    make_board_message()
    response = client.get(BOARD_URL, {"page": page})
    assert response.status_code == status


def test_the_form_offers_publication_and_links_the_board(client):
    html = client.get(FORM_URL).content.decode()
    checkbox = re.search(r'<input[^>]*name="publish_consent"[^>]*>', html)
    assert checkbox and "checked" not in checkbox[0]  # unchecked unless the visitor chooses
    assert 'name="display_name"' in html
    assert f'href="{reverse("online_messages:board")}"' in html


def test_a_sent_message_keeps_the_consent_and_display_name(client, db):
    client.post(FORM_URL, form_data(publish_consent="on", display_name="Hydrogen fan"))
    message = Message.objects.get()
    assert message.publish_consent and message.display_name == "Hydrogen fan"
    assert message.board_approved_at is None  # shown only once staff approve it


def test_board_off_leaves_no_trace(client, settings, make_board_message):
    settings.MESSAGE_BOARD = False
    make_board_message(content="Approved while the board was on.")
    assert client.get(BOARD_URL).status_code == 404
    assert client.get(CHINESE_BOARD_URL).status_code == 404
    html = client.get(FORM_URL).content.decode()
    for trace in ("publish_consent", "display_name", BOARD_URL, "Message board"):
        assert trace not in html
    client.post(FORM_URL, form_data(publish_consent="on", display_name="Sneaky"))
    message = Message.objects.get(name="Li Wei")
    assert not message.publish_consent and message.display_name == ""


def test_approval_shows_on_the_next_visit_to_a_cached_board(
    handler, make_board_message, django_capture_on_commit_callbacks
):
    message = make_board_message(approved=False, content="Waiting for approval.")
    visitor = Client()
    assert "Waiting for approval." not in board_text(visitor)
    staff = Client()
    staff.force_login(handler)
    url = reverse("admin:online_messages_message_board_approve", args=[message.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url).status_code == 302
    assert "Waiting for approval." in board_text(visitor)


@pytest.mark.parametrize("change", ["hide", "reply", "spam", "delete", "bulk spam", "bulk delete"])
def test_changes_to_a_shown_message_show_on_the_next_visit(
    make_board_message, django_capture_on_commit_callbacks, admin_user, change
):
    message = make_board_message(content="Shown for now.", public_reply="First reply.")
    visitor = Client()
    assert "First reply." in board_text(visitor)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "hide":
            message.hide_from_board()
        elif change == "reply":
            message.public_reply = "Second reply."
            message.save()
        elif change == "spam":
            message.mark(Message.Status.SPAM, admin_user)
        elif change == "delete":
            message.delete()
        elif change == "bulk spam":
            Message.objects.filter(pk=message.pk).mark(Message.Status.SPAM, admin_user)
        else:
            Message.objects.filter(pk=message.pk).delete()
    assert "First reply." not in board_text(visitor)


def test_a_new_public_message_leaves_the_cached_board_alone(
    make_board_message, django_capture_on_commit_callbacks, django_assert_num_queries
):
    make_board_message(content="Already shown.")
    assert "Already shown." in board_text(Client())
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(FORM_URL, form_data(publish_consent="on"))
    assert response.status_code == 302
    with django_assert_num_queries(0):  # the stored page, still fresh
        assert "Already shown." in board_text(Client())


def test_hostile_display_name_message_and_reply_are_text(client, make_board_message, settings):
    settings.MESSAGE_BOARD_PAGE_SIZE = len(PAYLOADS)
    for payload in PAYLOADS:
        make_board_message(
            display_name=payload.storable(50),
            content=payload.storable(),
            public_reply=payload.storable(),
        )
    html = board_text(client)
    assert not find_executable_markup(html)
    assert escape(PAYLOADS[0].storable()) in html


def test_board_reads_no_contact_details(make_board_message):
    make_board_message(email="hidden@example.com")
    [shown] = Message.objects.on_board("en")
    assert {"name", "email", "phone", "company", "ip_address"} <= shown.get_deferred_fields()
