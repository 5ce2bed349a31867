"""The staff notification: sent after commit, plain text, and never the visitor's problem."""

import logging
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from online_messages.models import Message
from online_messages.notifications import build_email, notify_staff

from .messages_fixtures import *  # noqa: F403 (pytest fixtures)
from .messages_fixtures import FORM_URL, THANKS_URL, form_data

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
        caplog.at_level(logging.ERROR, logger="online_messages.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(FORM_URL, form_data(), follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    assert "Thank you, Li Wei." in response.content.decode()
    assert Message.objects.get().status == Message.Status.NEW
    (record,) = caplog.records
    assert "Could not send the notification email" in record.getMessage()
    assert record.exc_info[0] is smtplib.SMTPConnectError


def test_newlines_in_a_name_cannot_break_the_subject(notify, mailoutbox):
    message = Message.objects.create(
        name="Evil\r\nBcc: victim@example.com\nX", email="e@example.com", content="Hi"
    )
    assert notify_staff(message) is True
    (email,) = mailoutbox
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.bcc == []
    headers = email.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers


def test_long_names_are_shortened_in_the_subject(notify):
    message = Message(pk=1, name="名" * 200, content="Hi")
    assert len(build_email(message).subject) < 120


def test_send_failure_is_reported_as_false_not_raised(notify, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    message = Message.objects.create(name="A", email="a@example.com", content="Hi")
    assert notify_staff(message) is False
