"""A handler answers a visitor's message from the admin, in Chromium."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from online_messages.models import Message, Reply

from .pages import login

pytestmark = pytest.mark.browser

REPLY = "Dear Li Wei,\nthe catalogue for the HX-150 is attached to our website."


@pytest.fixture
def handler(site):
    user = User.objects.create_user(
        "handler", password="handler-pass", is_staff=True, first_name="Wang", last_name="Fang"
    )
    user.groups.add(Group.objects.get(name="Message handlers"))
    return user


def test_handler_replies_to_a_message(page, handler, settings, mailoutbox):
    settings.MESSAGE_REPLY_TO = "sales@example.com"
    message = Message.objects.create(
        name="Li Wei", email="li.wei@example.com", content="Please send me your catalogue."
    )
    login(page, "handler", "handler-pass")
    page.goto(message.get_admin_url())
    replies = page.locator("#replies")
    expect(replies).to_contain_text("No replies yet.")

    replies.get_by_label("Your reply").fill(REPLY)
    replies.get_by_role("button", name="Send reply").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Your reply to li.wei@example.com is stored and on its way."
    )
    sent = replies.locator(".reply")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("Wang Fang")
    expect(sent.locator(".reply-delivery")).to_contain_text("Sent")
    expect(sent.locator(".reply-body")).to_contain_text("the catalogue for the HX-150")

    (email,) = mailoutbox
    assert email.to == ["li.wei@example.com"]
    assert email.reply_to == ["sales@example.com"]
    assert email.body.startswith(REPLY + "\n")
    assert "> Please send me your catalogue." in email.body.splitlines()
    message.refresh_from_db()
    assert message.status == Message.Status.REPLIED
    assert Reply.objects.get().sent_by == handler
