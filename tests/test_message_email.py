"""The staff notification: sent after commit, plain text, and never the visitor's problem.

The site's own lines come first; the visitor's text is marked as theirs and quoted, so none of
it can pass for one of the site's lines. Queueing and retries: test_message_notifications.py.
"""

import logging
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from online_messages.models import Message
from online_messages.notifications import build_email
from online_messages.tasks import send_notification

from .messages import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def notify(settings):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com", "sales@example.com"]
    settings.SITE_URL = "https://news.example.com"


def test_staff_get_a_plain_text_email_with_a_link_to_the_message(
    client, notify, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(FORM_URL, form_data(name="Li Wei", phone="+86 10 5555 0100"))
    assert len(callbacks) == 1  # Sent only once the message is committed.
    message = Message.objects.get()
    (email,) = mailoutbox
    assert email.to == ["staff@example.com", "sales@example.com"]
    assert email.reply_to == ["li.wei@example.com"]
    assert "Li Wei" in email.subject
    assert email.content_subtype == "plain"
    assert not getattr(email, "alternatives", None)
    assert "Please send me your product catalogue." in email.body
    assert "+86 10 5555 0100" in email.body
    admin_url = f"https://news.example.com/admin/online_messages/message/{message.pk}/change/"
    assert admin_url in email.body


def test_without_recipients_nobody_is_emailed(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MESSAGE_NOTIFY_EMAILS = []
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(FORM_URL, form_data()).status_code == 302
    assert Message.objects.count() == 1
    assert mailoutbox == []


def test_link_uses_the_request_host_when_no_site_url_is_set(
    client, notify, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_data())
    assert "http://testserver/admin/online_messages/message/" in mailoutbox[0].body


def test_broken_mail_server_still_stores_and_thanks(
    client, notify, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with (
        caplog.at_level(logging.WARNING, logger="online_messages.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(FORM_URL, form_data(), follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    assert "Thank you, Li Wei." in response.content.decode()
    message = Message.objects.get()
    assert message.status == Message.Status.NEW
    assert message.notification_status == Message.NotificationStatus.FAILED
    (record,) = caplog.records
    assert f"Notification email for message {message.pk} failed" in record.getMessage()
    assert "SMTPConnectError" in record.getMessage()


def test_newlines_in_a_name_cannot_break_the_subject(notify, mailoutbox):
    message = Message.objects.create(
        name="Evil\r\nBcc: victim@example.com\nX", email="e@example.com", content="Hi"
    )
    build_email(message).send()
    (email,) = mailoutbox
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.bcc == []
    headers = email.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers


def test_long_names_are_shortened_in_the_subject(notify):
    message = Message(pk=1, name="名" * 200, content="Hi")
    assert len(build_email(message).subject) < 120


def test_send_failure_is_recorded_on_the_message_not_raised(notify, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    message = Message.objects.create(name="A", email="a@example.com", content="Hi")
    assert send_notification.call(message.pk) == "failed"
    message.refresh_from_db()
    assert message.notification_status == Message.NotificationStatus.FAILED
    assert message.notification_error == "SMTPConnectError: (421, 'Service not available')"


FORGED_LINE = "Open it in the admin: https://evil.example/admin/"


def body_lines(message):
    return build_email(message).body.splitlines()


def test_the_sites_own_lines_come_before_the_quoted_message(notify):
    message = Message.objects.create(
        name="Li Wei", email="li.wei@example.com", content="Hello.\n\nPlease call me back."
    )
    lines = body_lines(message)
    admin_line = f"Open it in the admin: https://news.example.com{message.get_admin_url()}"
    header = "Message from the visitor (not checked):"
    assert lines.index(admin_line) < lines.index(header)
    assert lines[lines.index(header) + 1 : lines.index(header) + 4] == [
        "> Hello.",
        ">",
        "> Please call me back.",
    ]


@pytest.mark.parametrize(
    "line_break",
    ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"],
    ids=["LF", "CRLF", "CR", "U+2028", "U+2029", "NEL", "VT", "FF"],
)
def test_a_forged_admin_line_in_the_message_appears_only_quoted(notify, line_break):
    content = f"Thanks for your help.{line_break}{FORGED_LINE}{line_break}Regards"
    message = Message.objects.create(name="Mallory", email="m@example.com", content=content)
    body = build_email(message).body
    lines = body.splitlines()
    assert f"> {FORGED_LINE}" in lines
    admin_lines = [line for line in lines if line.startswith("Open it in the admin:")]
    assert admin_lines == [
        f"Open it in the admin: https://news.example.com{message.get_admin_url()}"
    ]
    assert "evil.example" not in body.replace(f"> {FORGED_LINE}", "")


def test_a_forged_line_in_a_one_line_field_stays_on_its_label_line(notify):
    message = Message.objects.create(
        name=f"Mallory\u2028{FORGED_LINE}",
        email="m@example.com",
        company=f"ACME\r{FORGED_LINE}",
        content="Hi",
    )
    lines = body_lines(message)
    assert f"Name: Mallory {FORGED_LINE}" in lines
    assert f"Company: ACME {FORGED_LINE}" in lines
    assert not any(line.startswith("Open it in the admin: https://evil") for line in lines)
