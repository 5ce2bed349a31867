"""Blocking a spam message's sender from the inbox, and the spam reason shown to staff."""

import re

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from online_messages.models import BlocklistEntry, Message

from .messages import FORM_URL, form_data

pytestmark = pytest.mark.django_db

Kind = BlocklistEntry.Kind
INBOX_URL = reverse("admin:online_messages_message_changelist")
BLOCK_URL = reverse("admin:online_messages_message_block_senders")


def block_url(*messages):
    return f"{BLOCK_URL}?ids={','.join(str(message.pk) for message in messages)}"


def change_url(message):
    return reverse("admin:online_messages_message_change", args=[message.pk])


# --- Blocking a spam message's sender --------------------------------------------------------


def mark_spam(client, *messages):
    return client.post(
        INBOX_URL,
        {"action": "mark_spam", helpers.ACTION_CHECKBOX_NAME: [m.pk for m in messages]},
        follow=True,
    )


def checkboxes(html):
    """The offered entries: {"kind:value": checked}."""
    return {
        re.search(r'value="([^"]*)"', tag).group(1): " checked" in tag
        for tag in re.findall(r'<input type="checkbox" name="entry"[^>]*>', html)
    }


def test_marking_spam_links_to_blocking_the_senders(handler_client, make_message):
    one, two = make_message(), make_message()
    html = mark_spam(handler_client, one, two).content.decode()
    assert "2 messages marked as spam." in html
    assert Message.objects.filter(status=Message.Status.SPAM).count() == 2
    link = re.search(r'<a href="([^"]+)">Add their senders to the blocklist', html).group(1)
    ids = sorted(link.split("ids=")[1].replace("%2C", ",").split(","))
    assert ids == sorted([str(one.pk), str(two.pk)])


def test_the_block_senders_page_offers_address_domain_and_ip(handler_client, make_message):
    corporate = make_message(email="Sales@Spam-Corp.example", ip_address="203.0.113.7")
    webmail = make_message(email="someone@qq.com", ip_address="2001:db8:1:2::9")
    response = handler_client.get(block_url(corporate, webmail))
    assert response.status_code == 200
    assert checkboxes(response.content.decode()) == {
        "email_address:sales@spam-corp.example": True,
        "email_domain:spam-corp.example": True,
        "ip_range:203.0.113.7/32": False,
        "email_address:someone@qq.com": True,
        "email_domain:qq.com": False,  # webmail: shared by many
        "ip_range:2001:db8:1:2::/64": False,
    }


def test_the_chosen_entries_are_added(handler_client, handler, make_message):
    message = make_message(email="sales@spam-corp.example", ip_address="203.0.113.7")
    chosen = ["email_domain:spam-corp.example", "ip_range:203.0.113.7/32"]
    response = handler_client.post(
        block_url(message), {"entry": [*chosen, "word:not offered"]}, follow=True
    )
    assert "2 entries added to the blocklist." in response.content.decode()
    assert set(BlocklistEntry.objects.values_list("kind", "value")) == {
        ("email_domain", "spam-corp.example"),
        ("ip_range", "203.0.113.7/32"),
    }
    assert set(BlocklistEntry.objects.values_list("created_by", flat=True)) == {handler.pk}
    # What is listed now is not offered again.
    again = checkboxes(handler_client.get(block_url(message)).content.decode())
    assert again == {"email_address:sales@spam-corp.example": True}


def test_blocking_senders_stops_at_a_full_blocklist(handler_client, make_message, settings):
    settings.MESSAGE_BLOCKLIST_MAX_ENTRIES = 1
    message = make_message(email="sales@spam-corp.example")
    chosen = ["email_address:sales@spam-corp.example", "email_domain:spam-corp.example"]
    response = handler_client.post(block_url(message), {"entry": chosen}, follow=True)
    assert "Nothing was added: the blocklist holds at most 1 entries." in response.content.decode()
    assert not BlocklistEntry.objects.exists()


def test_at_most_100_messages_are_offered_at_once(handler_client, make_message):
    messages = [make_message(email=f"bot{n}@gmail.com") for n in range(101)]
    html = handler_client.get(block_url(*messages)).content.decode()
    addresses = [key for key in checkboxes(html) if key.startswith("email_address:")]
    assert len(addresses) == 100


def test_blocking_senders_needs_the_permission(client, django_user_model, make_message):
    user = django_user_model.objects.create_user("triage", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_message", "change_message"])
    )
    client.force_login(user)
    message = make_message(email="sales@spam-corp.example")
    html = mark_spam(client, message).content.decode()
    assert "1 message marked as spam." in html
    assert "to the blocklist" not in html
    assert client.get(block_url(message)).status_code == 403
    entry = "email_address:sales@spam-corp.example"
    assert client.post(block_url(message), {"entry": entry}).status_code == 403
    assert "Add the sender to the blocklist" not in client.get(change_url(message)).content.decode()
    assert not BlocklistEntry.objects.exists()


def test_editors_cannot_block_senders(editor_client, make_message):
    message = make_message()
    assert editor_client.get(block_url(message)).status_code == 403


def test_a_spam_message_page_offers_to_block_its_sender(handler_client, make_message):
    message = make_message(
        email="sales@spam-corp.example", ip_address="203.0.113.7", status=Message.Status.SPAM
    )
    html = handler_client.get(change_url(message)).content.decode()
    assert "Add the sender to the blocklist" in html
    assert checkboxes(html)["email_domain:spam-corp.example"] is True
    form_action = re.search(r'<form method="post" action="([^"]+)" id="block-senders-form"', html)
    response = handler_client.post(
        form_action.group(1).replace("&amp;", "&"),
        {"entry": "email_domain:spam-corp.example", "next": change_url(message)},
    )
    assert response["Location"] == change_url(message)
    assert BlocklistEntry.objects.filter(value="spam-corp.example").exists()
    new = make_message(email="someone@example.com")
    assert (
        "Add the sender to the blocklist"
        not in handler_client.get(change_url(new)).content.decode()
    )


def test_block_senders_never_redirects_off_site(handler_client, make_message):
    message = make_message(email="a@spam-corp.example")
    response = handler_client.post(
        block_url(message),
        {"entry": "email_address:a@spam-corp.example", "next": "https://evil.example/"},
    )
    assert response["Location"] == INBOX_URL


# --- The spam reason, shown to staff ---------------------------------------------------------


@pytest.fixture
def blocklisted(client, settings):
    """A message that the public form stored as spam by the blocklist."""
    settings.MESSAGE_RATE_LIMIT = 100
    BlocklistEntry.objects.create(kind=Kind.EMAIL_DOMAIN, value="example.top")
    client.post(FORM_URL, form_data(name="Blocked Bob", email="bob@example.top"))
    return Message.objects.get(name="Blocked Bob")


def test_the_reason_shows_in_the_inbox_for_spam_only(handler_client, blocklisted, make_message):
    make_message(name="Unspammed", status=Message.Status.NEW, spam_reason="too fast")
    html = handler_client.get(INBOX_URL).content.decode()
    assert "blocklist: email domain example.top" in html
    assert "too fast" not in html


def test_the_reason_shows_on_the_message_page(handler_client, blocklisted):
    html = handler_client.get(change_url(blocklisted)).content.decode()
    assert "Spam reason" in html
    assert "blocklist: email domain example.top" in html
    assert 'name="spam_reason"' not in html  # read-only


def test_hostile_spam_and_entries_are_shown_as_text_to_staff(client, handler_client, settings):
    settings.MESSAGE_RATE_LIMIT = 100
    word = "<script>alert('blocked')</script>"
    BlocklistEntry.objects.create(kind=Kind.WORD, value=word)
    hostile = {
        "name": '"><img src=x onerror=alert(1)>',
        "email": '"<script>alert(1)</script>"@example.com',
        "content": f"Hello {word} x\r\nBcc: evil@example.com",
    }
    client.post(FORM_URL, form_data(**hostile))
    message = Message.objects.get()
    assert message.spam_reason == f"blocklist: word {word}"
    shown = {
        INBOX_URL: escape(f"blocklist: word {word}"),
        change_url(message): escape(word),
        block_url(message): escape(hostile["email"]),
    }
    for url, text in shown.items():
        html = handler_client.get(url).content.decode()
        assert "<script>alert(" not in html and "<img src=x" not in html
        assert text in html
