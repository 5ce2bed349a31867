"""The visitor's confirmation email (MESSAGE_ACKNOWLEDGE), through the public form.

Once per message, never for spam, at most once per interval per address (whatever its case),
in the language of the form, and with nothing in it that the visitor typed: anyone can type a
stranger's address into the form.
"""

import logging
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.backend import DatabaseBackend

from online_messages.acknowledgements import send_acknowledgement
from online_messages.models import Message

from .messages import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
INTERVAL = 3600


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


class UnwritableQueue(DatabaseBackend):
    """A task queue whose database refuses the write."""

    def enqueue(self, task, args, kwargs):
        raise RuntimeError("database is locked")


@pytest.fixture
def acknowledge(settings, mailoutbox):
    settings.MESSAGE_ACKNOWLEDGE = True
    settings.MESSAGE_ACKNOWLEDGE_INTERVAL = INTERVAL
    settings.MESSAGE_NOTIFY_EMAILS = []  # The outbox holds the visitor's email only.
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST the public form, run what is queued once it commits; the message stored."""

    def post(url=FORM_URL, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form_data(**fields))
        assert response.status_code == 302
        return Message.objects.order_by("-pk").first()

    return post


def test_the_visitor_gets_one_plain_confirmation_with_a_reference(
    acknowledge, send, settings, mailoutbox
):
    message = send()
    (email,) = mailoutbox
    assert email.to == ["li.wei@example.com"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.reply_to == [] and email.cc == [] and email.bcc == []
    assert email.subject == "[News Center] We have received your message"
    assert email.content_subtype == "plain" and not getattr(email, "alternatives", None)
    reference = f"{timezone.localtime(message.created_at):%Y%m%d}-{message.pk}"
    assert f"Reference number: {reference}" in email.body.splitlines()
    assert "automatic email" in email.body
    assert "Lanfeng Hydrogen Co., Ltd." in email.body
    message.refresh_from_db()
    assert message.acknowledged_at is not None


def test_running_the_task_again_sends_nothing(acknowledge, send, mailoutbox):
    message = send()
    assert len(mailoutbox) == 1
    assert send_acknowledgement.enqueue(message.pk).return_value == "skipped"
    assert send_acknowledgement.call(message.pk) == "skipped"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "spam",
    [
        pytest.param({"website": "http://spam.example"}, id="honeypot filled in"),
        pytest.param({"served_seconds_ago": 0}, id="sent too fast"),
    ],
)
def test_never_for_spam(acknowledge, send, mailoutbox, spam):
    message = send(**spam)
    assert message.status == Message.Status.SPAM
    assert mailoutbox == []
    assert message.acknowledged_at is None


def test_a_message_judged_spam_after_it_was_queued_gets_none(acknowledge, make_message, mailoutbox):
    message = make_message(email="late@example.com")
    message.mark(Message.Status.SPAM, None)
    assert send_acknowledgement.enqueue(message.pk).return_value == "not needed"
    assert mailoutbox == []
    message.refresh_from_db()
    assert message.acknowledged_at is None


def test_one_confirmation_per_address_and_interval_whatever_its_case(
    acknowledge, send, mailoutbox, caplog
):
    first = send(email="li.wei@example.com")
    with caplog.at_level(logging.INFO, logger="online_messages.acknowledgements"):
        second = send(email="LI.Wei@Example.COM")
    assert [email.to for email in mailoutbox] == [["li.wei@example.com"]]
    second.refresh_from_db()
    assert second.acknowledged_at is None  # Not acknowledged, and says so.
    assert f"No confirmation email for message {second.pk}" in caplog.text
    # Another address is not held back by it.
    send(email="wang.fang@example.com")
    assert [email.to for email in mailoutbox][-1] == ["wang.fang@example.com"]

    with time_machine.travel(first.created_at + timedelta(seconds=INTERVAL + 60)):
        third = send(email="Li.Wei@example.com")
    assert [email.to for email in mailoutbox][-1] == ["Li.Wei@example.com"]
    assert len(mailoutbox) == 3
    third.refresh_from_db()
    assert third.acknowledged_at is not None


def test_the_limit_outlasts_the_forms_own_shorter_rate_window(
    acknowledge, send, settings, mailoutbox
):
    """The form's rate counters share a table with these and expire after MESSAGE_RATE_WINDOW."""
    settings.MESSAGE_RATE_WINDOW = 600
    start = timezone.now()
    send(email="li.wei@example.com")
    with time_machine.travel(start + timedelta(minutes=15)):
        send(email="someone.else@example.com")  # A new form window: old counters go.
    with time_machine.travel(start + timedelta(minutes=16)):
        send(email="li.wei@example.com")
    assert [email.to for email in mailoutbox] == [
        ["li.wei@example.com"],
        ["someone.else@example.com"],
    ]


def test_off_by_default(settings, send, mailoutbox):
    settings.MESSAGE_NOTIFY_EMAILS = []
    assert settings.MESSAGE_ACKNOWLEDGE is False
    message = send()
    assert mailoutbox == []
    assert message.acknowledged_at is None


def test_none_without_an_email_address(acknowledge, send, mailoutbox):
    message = send(email="", phone="+86 10 5555 0100")
    assert mailoutbox == []
    assert message.acknowledged_at is None


HOSTILE = {
    "name": "Zhangvisitorname x\r\nBcc: evil@example.com",
    "company": '"><img src=x onerror=alert(1)> Uniquecompanyname',
    "phone": "+86 10 5555 0199",
    "content": "<script>alert(1)</script> Buy at http://spam.example/uniquecontent\r\n"
    "Subject: hijacked\r\nReference number: 99999999-0",
}
TYPED = [
    "Zhangvisitorname",
    "evil@example.com",
    "Bcc",
    "Uniquecompanyname",
    "onerror",
    "5555 0199",
    "<script>",
    "alert",
    "spam.example",
    "uniquecontent",
    "hijacked",
    "99999999",
]


def test_it_carries_nothing_the_visitor_typed(acknowledge, send, mailoutbox):
    send(**HOSTILE)
    (email,) = mailoutbox
    assert email.recipients() == ["li.wei@example.com"]
    whole = email.message().as_string()  # Headers and body, as sent.
    for text in TYPED:
        assert text not in email.subject
        assert text not in email.body
        assert text not in whole
    assert "Li Wei" not in whole and "Example Trading" not in whole


def test_a_message_from_the_chinese_form_gets_the_chinese_email(acknowledge, send, mailoutbox):
    with translation.override("zh-hans"):
        url = reverse("online_messages:create")
    message = send(url=url, name="王芳", content="请寄一份产品目录。")
    assert message.language == "zh-hans"
    (email,) = mailoutbox
    assert email.subject == "[新闻中心] 我们已收到您的留言"
    assert "蓝峰氢能科技有限公司" in email.body
    assert "参考编号" in email.body
    assert "王芳" not in email.message().as_string()


def test_a_failure_is_logged_and_not_tried_again(acknowledge, send, settings, caplog, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with caplog.at_level(logging.WARNING, logger="online_messages.acknowledgements"):
        message = send()
    assert f"Confirmation email for message {message.pk} failed" in caplog.text
    assert "SMTPConnectError" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_acknowledgement.call(message.pk) == "skipped"
    assert mailoutbox == []


def test_a_queue_that_refuses_the_task_never_troubles_the_visitor(
    acknowledge, client, settings, caplog, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.UnwritableQueue"}}
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, form_data(), follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    message = Message.objects.get()
    assert f"Could not queue the confirmation email for message {message.pk}" in caplog.text
