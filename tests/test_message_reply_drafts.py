"""A refused reply or phone note loses nothing: the message's page shows what was typed again,
in its form, once, escaped, and only on that message's page."""

import pytest
from django.urls import reverse

from online_messages.admin.replies import DRAFT_MAX_LENGTH
from online_messages.models import Reply
from tests.xss_assertions import find_executable_markup

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * 10_001


def reply_url(message):
    return reverse("admin:online_messages_message_reply", args=[message.pk])


def phone_url(message):
    return reverse("admin:online_messages_message_reply_phone", args=[message.pk])


def refused_then_shown(client, url, data):
    """POST a reply the form refuses, then follow the redirect to the message's page."""
    response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response["Location"])


@pytest.fixture
def with_email(make_message):
    return make_message(name="Li Wei", email="li.wei@example.com", content="Catalogue, please.")


@pytest.fixture
def phone_only(make_message):
    return make_message(name="Wang Fang", email="", phone="+86 21 5555 0100", content="Call me.")


def test_a_too_long_reply_comes_back_in_the_form(handler_client, with_email):
    typed = "Dear Li Wei, here is everything about our range. " + TOO_LONG
    page = refused_then_shown(handler_client, reply_url(with_email), {"reply-body": typed})
    assert page.context["replies_form"]["body"].value() == typed
    assert "A reply may be at most 10000 characters long" in page.content.decode()
    assert not Reply.objects.exists()


def test_the_draft_is_shown_once(handler_client, with_email):
    refused_then_shown(handler_client, reply_url(with_email), {"reply-body": "Hello " + TOO_LONG})
    again = handler_client.get(with_email.get_admin_url())
    assert again.context["replies_form"]["body"].value() in (None, "")


def test_the_draft_belongs_to_its_message_only(handler_client, with_email, make_message):
    other = make_message(name="Zhao Lei", email="zhao.lei@example.com")
    handler_client.post(reply_url(with_email), {"reply-body": "For Li Wei " + TOO_LONG})
    page = handler_client.get(other.get_admin_url())
    assert page.context["replies_form"]["body"].value() in (None, "")
    assert "For Li Wei" not in page.content.decode()


def test_a_too_long_phone_note_comes_back_in_its_form(handler_client, phone_only):
    typed = "Called back, sent prices. " + TOO_LONG
    page = refused_then_shown(handler_client, phone_url(phone_only), {"phone-note": typed})
    assert page.context["replies_phone_form"]["note"].value() == typed
    assert not Reply.objects.exists()


def test_a_hostile_draft_comes_back_escaped(handler_client, with_email):
    typed = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>" + TOO_LONG
    page = refused_then_shown(handler_client, reply_url(with_email), {"reply-body": typed})
    html = page.content.decode()
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert find_executable_markup(html) == []


def test_a_huge_paste_is_kept_only_up_to_a_bound(handler_client, with_email):
    page = refused_then_shown(
        handler_client, reply_url(with_email), {"reply-body": "y" * (DRAFT_MAX_LENGTH * 5)}
    )
    assert page.context["replies_form"]["body"].value() == "y" * DRAFT_MAX_LENGTH
