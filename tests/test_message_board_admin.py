"""The message board in the admin: approving and hiding, the public reply, bulk actions, who
may do it, and that with the board off the admin shows none of it."""

import pytest
from django.contrib.admin import helpers
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from online_messages.models import Message
from tests.hostile_payloads import PAYLOADS
from tests.xss_assertions import find_executable_markup

BOARD_URL = "/message/board/"
CHANGELIST_URL = reverse("admin:online_messages_message_changelist")


@pytest.fixture(autouse=True)
def board_on(settings):
    settings.MESSAGE_BOARD = True


def change_url(message):
    return reverse("admin:online_messages_message_change", args=[message.pk])


def board_action_url(message, name):
    return reverse(f"admin:online_messages_message_board_{name}", args=[message.pk])


def public_board():
    response = Client().get(BOARD_URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def consented(make_message):
    return make_message(
        publish_consent=True, display_name="Hydrogen fan", content="When will it ship?"
    )


def test_change_page_shows_the_board_section(handler_client, consented):
    html = handler_client.get(change_url(consented)).content.decode()
    assert "Message board" in html
    assert "Hydrogen fan" in html
    assert 'name="public_reply"' in html
    assert 'name="display_name"' not in html  # the visitor's words: read-only
    assert 'name="publish_consent"' not in html
    assert board_action_url(consented, "approve") in html
    assert "The visitor agreed to publication." in html


def test_handler_approves_and_the_message_shows(handler_client, handler, consented):
    response = handler_client.post(board_action_url(consented, "approve"), follow=True)
    assert "The message is shown on the message board." in response.content.decode()
    consented.refresh_from_db()
    assert consented.board_approved_at is not None
    assert consented.board_approved_by == handler
    assert "When will it ship?" in public_board()
    page = handler_client.get(change_url(consented)).content.decode()
    assert "approved by handler" in page
    assert board_action_url(consented, "hide") in page


@pytest.mark.parametrize(
    "fields",
    [{"publish_consent": False}, {"publish_consent": True, "status": Message.Status.SPAM}],
    ids=["no consent", "spam"],
)
def test_only_a_consented_message_that_is_not_spam_can_be_approved(
    handler_client, make_message, fields
):
    message = make_message(content="Keep me private.", **fields)
    page = handler_client.get(change_url(message)).content.decode()
    assert board_action_url(message, "approve") not in page
    response = handler_client.post(board_action_url(message, "approve"), follow=True)
    assert "cannot be shown on the message board" in response.content.decode()
    message.refresh_from_db()
    assert message.board_approved_at is None
    assert "Keep me private." not in public_board()


def test_the_database_refuses_approval_without_consent(make_message):
    message = make_message(publish_consent=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(board_approved_at=timezone.now())


def test_hide_takes_the_message_off_the_board(
    handler_client, consented, handler, django_capture_on_commit_callbacks
):
    consented.approve_for_board(handler)
    assert "When will it ship?" in public_board()  # and now in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(board_action_url(consented, "hide"), follow=True)
    assert "no longer shown on the message board" in response.content.decode()
    consented.refresh_from_db()
    assert consented.board_approved_at is None and consented.board_approved_by is None
    assert "When will it ship?" not in public_board()


def test_handler_edits_the_public_reply_but_never_the_visitors_words(
    handler_client, handler, consented
):
    consented.approve_for_board(handler)
    response = handler_client.post(
        change_url(consented),
        {
            "status": "read",
            "internal_note": "",
            "public_reply": "It ships in March.",
            "display_name": "Changed by staff",
            "content": "Changed by staff",
        },
    )
    assert response.status_code == 302
    consented.refresh_from_db()
    assert consented.public_reply == "It ships in March."
    assert consented.display_name == "Hydrogen fan"
    assert consented.content == "When will it ship?"
    board = public_board()
    assert "It ships in March." in board and "Changed by staff" not in board


def test_bulk_show_skips_messages_without_consent(handler_client, make_message):
    yes = [make_message(publish_consent=True, content=f"Public {n}.") for n in range(2)]
    no = make_message(publish_consent=False, content="Private.")
    response = handler_client.post(
        CHANGELIST_URL,
        {
            "action": "show_on_board",
            helpers.ACTION_CHECKBOX_NAME: [m.pk for m in (*yes, no)],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "2 messages shown on the message board." in html
    assert "1 message left off the board: its sender did not agree to publication" in html
    board = public_board()
    assert "Public 0." in board and "Public 1." in board and "Private." not in board


def test_bulk_hide(handler_client, handler, make_message):
    shown = [make_message(publish_consent=True, content=f"Shown {n}.") for n in range(2)]
    Message.objects.approve_for_board(handler)
    response = handler_client.post(
        CHANGELIST_URL,
        {"action": "hide_from_board", helpers.ACTION_CHECKBOX_NAME: [m.pk for m in shown]},
        follow=True,
    )
    assert "2 messages hidden from the message board." in response.content.decode()
    assert "Shown 0." not in public_board()


def test_editors_may_not_approve(editor_client, consented):
    assert editor_client.post(board_action_url(consented, "approve")).status_code == 403
    consented.refresh_from_db()
    assert consented.board_approved_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, consented):
    response = client.post(board_action_url(consented, "approve"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    consented.refresh_from_db()
    assert consented.board_approved_at is None


def test_approving_takes_a_post(handler_client, consented):
    assert handler_client.get(board_action_url(consented, "approve")).status_code == 405
    consented.refresh_from_db()
    assert consented.board_approved_at is None


def test_board_off_leaves_no_trace_in_the_admin(handler_client, settings, consented):
    settings.MESSAGE_BOARD = False
    html = handler_client.get(change_url(consented)).content.decode()
    for trace in ("Message board", "public_reply", "Hydrogen fan", "board/approve"):
        assert trace not in html
    changelist = handler_client.get(CHANGELIST_URL).content.decode()
    assert "show_on_board" not in changelist and "hide_from_board" not in changelist
    assert handler_client.post(board_action_url(consented, "approve")).status_code == 404
    consented.refresh_from_db()
    assert consented.board_approved_at is None


def test_hostile_display_name_and_reply_are_text_in_the_admin(
    admin_client, admin_user, make_message
):
    payload = PAYLOADS[0].storable()
    hostile = '"><img src=x onerror=alert(1)>'
    message = make_message(
        publish_consent=True,
        display_name=hostile,
        content=payload,
        public_reply="<script>alert(1)</script>",
    )
    message.approve_for_board(admin_user)
    html = admin_client.get(change_url(message)).content.decode()
    assert not find_executable_markup(html)
    assert "<img src=x" not in html and "<script>alert(1)" not in html
    assert escape(hostile) in html
    assert escape("<script>alert(1)</script>") in html
