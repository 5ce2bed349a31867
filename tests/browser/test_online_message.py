"""A visitor sends an Online Message, and sees clear errors when something is wrong."""

import re

import pytest
from playwright.sync_api import expect

from online_messages.models import Message

from .pages import BAD_MESSAGE, GOOD_MESSAGE, LABELS, send_message

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def no_minimum_time(settings):
    # A test types faster than the 3-second rule allows a person to: it would count as spam.
    settings.MESSAGE_MIN_SECONDS = 0


def test_visitor_sends_a_message_and_sees_the_thanks_page(page, site):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Online Message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Online Message")

    send_message(page, GOOD_MESSAGE)

    expect(page).to_have_url(re.compile(r"/message/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Li Wei.")
    message = Message.objects.get()
    assert message.name == "Li Wei"
    assert message.email == GOOD_MESSAGE["email"]
    assert message.content == GOOD_MESSAGE["content"]
    assert message.status == Message.Status.NEW
    assert "Chrome" in message.user_agent


def test_bad_message_shows_errors_and_keeps_what_was_typed(page, site):
    send_message(page, BAD_MESSAGE)

    expect(page).to_have_url(re.compile(r"/message/$"))
    expect(page.get_by_role("alert")).to_contain_text("Your message has not been sent yet")
    form = page.locator("form.message-form")
    phone = form.get_by_label(LABELS["phone"])
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_accessible_description(re.compile("Use only digits"))
    content = form.get_by_label(LABELS["content"])
    expect(content).to_have_attribute("aria-invalid", "true")
    expect(content).to_have_accessible_description(re.compile("required", re.IGNORECASE))
    # What the visitor typed is still there to correct.
    expect(form.get_by_label(LABELS["name"])).to_have_value(BAD_MESSAGE["name"])
    expect(phone).to_have_value(BAD_MESSAGE["phone"])
    expect(form.get_by_label(LABELS["company"])).to_have_value(BAD_MESSAGE["company"])
    assert not Message.objects.exists()

    # Corrected, the same form goes through.
    phone.fill("+86 21 5555 0100")
    content.fill("Please call me about a visit.")
    form.get_by_role("button", name="Send message").click()
    expect(page).to_have_url(re.compile(r"/message/thanks/$"))
    assert Message.objects.get().phone == "+86 21 5555 0100"
