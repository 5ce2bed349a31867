"""The daily digest of unhandled messages: `manage.py send_message_digest` and its task.

It lists the messages still new or read a day after they arrived, oldest first, with links to
the admin; it is skipped when there are none or nobody to send it to; what visitors typed in
it is one line, cut short and marked, so none of it can pass for one of the site's lines.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from online_messages.digest import send_digest
from online_messages.models import Message

pytestmark = pytest.mark.django_db

Status = Message.Status
DAY = timedelta(days=1)


@pytest.fixture
def digest(settings, mailoutbox):
    settings.MESSAGE_DIGEST_EMAILS = ["boss@example.com", "sales@example.com"]
    settings.SITE_URL = "https://news.example.com"
    settings.MESSAGE_DIGEST_MAX_MESSAGES = 100


def run_command():
    out = StringIO()
    call_command("send_message_digest", stdout=out)
    return out.getvalue().strip()


def entry_lines(body):
    """The numbered entries' first lines: "1. 2026.11.20 10:00, New: https://…"."""
    return [line for line in body.splitlines() if re.match(r"\d+\. ", line)]


def test_old_unhandled_messages_are_listed_oldest_first_with_admin_links(
    digest, make_message, mailoutbox
):
    oldest = make_message(age=DAY * 5, name="Oldest Sender", content="First\nquestion.")
    read = make_message(age=DAY * 2, name="Read Sender", status=Status.READ)
    make_message(age=timedelta(hours=20), name="Fresh Sender")
    make_message(age=DAY * 3, name="Replied Sender", status=Status.REPLIED)
    make_message(age=DAY * 3, name="Spam Sender", status=Status.SPAM)
    make_message(age=DAY * 3, name="Archived Sender", status=Status.ARCHIVED)

    assert run_command() == "Digest of 2 messages sent to boss@example.com, sales@example.com."

    (email,) = mailoutbox
    assert email.to == ["boss@example.com", "sales@example.com"]
    assert email.reply_to == []
    assert email.subject == "[News Center] 2 online messages waiting for more than a day"
    assert email.content_subtype == "plain"
    body = email.body
    assert body.startswith("2 messages received more than a day ago are still new or read")
    base = "https://news.example.com/admin/online_messages/message"
    received = timezone.localtime(oldest.created_at).strftime("%Y.%m.%d %H:%M")
    assert entry_lines(body) == [
        f"1. {received}, New: {base}/{oldest.pk}/change/",
        f"2. {timezone.localtime(read.created_at):%Y.%m.%d %H:%M}, Read: {base}/{read.pk}/change/",
    ]
    assert "   From: Oldest Sender" in body.splitlines()
    assert "   > First question." in body.splitlines()
    for name in ("Fresh", "Replied", "Spam", "Archived"):
        assert f"{name} Sender" not in body
    assert "more." not in body


def test_nothing_waiting_sends_nothing(digest, make_message, mailoutbox):
    make_message(age=timedelta(hours=2))
    make_message(age=DAY * 3, status=Status.REPLIED)
    assert run_command() == "No unhandled messages older than a day: no digest sent."
    assert mailoutbox == []


def test_nobody_to_send_to_sends_nothing(settings, make_message, mailoutbox):
    settings.MESSAGE_DIGEST_EMAILS = []
    make_message(age=DAY * 3)
    assert run_command() == "MESSAGE_DIGEST_EMAILS is empty: no digest sent."
    assert mailoutbox == []


def test_the_list_stops_at_the_cap_and_says_how_many_more(
    digest, settings, make_message, mailoutbox
):
    settings.MESSAGE_DIGEST_MAX_MESSAGES = 3
    for n in range(5):
        make_message(age=DAY * (10 - n), name=f"Sender number {n}")
    assert run_command() == "Digest of 5 messages sent to boss@example.com, sales@example.com."
    (email,) = mailoutbox
    assert email.subject == "[News Center] 5 online messages waiting for more than a day"
    assert len(entry_lines(email.body)) == 3
    assert "Sender number 2" in email.body and "Sender number 3" not in email.body
    assert "… and 2 more." in email.body.splitlines()


def test_long_messages_are_cut_to_an_excerpt(digest, make_message, mailoutbox):
    make_message(age=DAY * 2, name="N" * 100, content="word " * 500)
    run_command()
    body = mailoutbox[0].body
    assert "N" * 100 not in body
    excerpt = next(line for line in body.splitlines() if line.startswith("   > "))
    assert len(excerpt) < 120 and excerpt.endswith("…")


FORGED = "1. 2026.01.01 00:00, New: https://evil.example/admin/"


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "x\r\nBcc: evil@example.com",
        f"x\n{FORGED}",
        f"x\u2028{FORGED}",
    ],
)
def test_hostile_names_and_content_cannot_pass_for_the_sites_lines(
    digest, make_message, mailoutbox, name
):
    make_message(age=DAY * 2, name=name, content=f"Hi\r\n{FORGED}\r\nBcc: evil@example.com")
    run_command()
    (email,) = mailoutbox
    lines = email.body.splitlines()
    assert FORGED not in lines
    assert not any(line.startswith(("Bcc:", "1. 2026.01.01")) for line in lines)
    assert len(entry_lines(email.body)) == 1  # One entry: nothing typed started another.
    assert email.bcc == [] and email.recipients() == ["boss@example.com", "sales@example.com"]
    headers = email.message().as_string().split("\n\n", 1)[0]
    assert "evil" not in headers
    # Plain text: what was typed is shown as typed, one line, after its label.
    flat = " ".join(name.split())
    assert f"   From: {flat}" in lines


def test_the_task_sends_the_same_digest(digest, make_message, mailoutbox):
    make_message(age=DAY * 2)
    result = send_digest.enqueue()
    assert result.return_value == {"outcome": "sent", "count": 1}
    assert len(mailoutbox) == 1
    assert send_digest.enqueue().return_value == {"outcome": "sent", "count": 1}  # Still waiting.


def test_a_mail_server_failure_is_reported_by_the_command(digest, settings, make_message):
    settings.EMAIL_BACKEND = "tests.test_message_acknowledgement.BrokenBackend"
    make_message(age=DAY * 2)
    with pytest.raises(CommandError, match="The digest could not be sent: SMTPConnectError"):
        run_command()
