"""The emailed reply: its text, and its delivery by the task worker with retries.

Plain text in the visitor's language: the staff's reply, then the visitor's message quoted.
Delivered by `manage.py db_worker` (django-tasks, database backend); a failure is recorded on
the reply, tried again after each of MESSAGE_REPLY_RETRY_DELAYS, and a reply is never sent twice.
The admin page and its forms: test_message_replies.py.
"""

import logging
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from online_messages.models import Reply
from online_messages.replying import build_reply_email, deliver_reply, send_reply

# The notification's tests make the mail server fail and run the worker: so do these.
from tests.test_message_notifications import (  # noqa: F401 (fixtures)
    FlakyBackend,
    database_tasks,
    mail_server_down,
    make_retries_due,
    ready_tasks,
    run_worker,
)
from tests.xss_assertions import find_email_problems

REPLY = "Thank you for writing.\r\n\r\nOur catalogue is on its way."
Delivery = Reply.Delivery


def reply_url(message):
    return reverse("admin:online_messages_message_reply", args=[message.pk])


@pytest.fixture
def delays(settings):
    settings.MESSAGE_REPLY_TO = "sales@example.com"
    settings.MESSAGE_REPLY_RETRY_DELAYS = [60, 300]


@pytest.fixture
def written_message(make_message):
    return make_message(
        name="Li Wei",
        email="li.wei@example.com",
        content="Hello.\r\n\r\nPlease send me your catalogue.\u2028Thanks.",
        created_at=timezone.make_aware(datetime(2026, 11, 28, 10, 30)),
    )


# --- The email ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_email_is_plain_text_with_the_reply_then_the_quoted_message(
    written_message, admin_user, delays, settings
):
    reply = written_message.replies.create(
        body="Thank you.\nThe catalogue is attached.", sent_by=admin_user, reply_to="a@b.example"
    )
    email = build_reply_email(reply)
    assert email.subject == "Re: your message to News Center"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.to == ["li.wei@example.com"]
    assert email.reply_to == ["a@b.example"]
    assert find_email_problems(email, ["li.wei@example.com"]) == []
    lines = email.body.splitlines()
    assert lines[:2] == ["Thank you.", "The catalogue is attached."]
    wrote = lines.index("On 2026.11.28 you wrote:")
    assert lines[wrote + 1 : wrote + 6] == [
        "> Hello.",
        ">",
        "> Please send me your catalogue.",
        "> Thanks.",
        "",
    ]


@pytest.mark.django_db
def test_the_email_names_the_site_in_the_visitors_language(written_message, admin_user):
    written_message.language = "zh-hans"
    written_message.save()
    reply = written_message.replies.create(body="谢谢。", sent_by=admin_user)
    email = build_reply_email(reply)
    assert "新闻中心" in email.subject
    assert email.body.startswith("谢谢。\n")
    assert "新闻中心" in email.body


# --- In-process: `make run` -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_in_process_the_reply_is_sent_at_once(admin_client, written_message, delays, mailoutbox):
    admin_client.post(reply_url(written_message), {"reply-body": REPLY})
    (email,) = mailoutbox
    assert email.reply_to == ["sales@example.com"]
    reply = Reply.objects.get()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.SENT, 1)
    assert reply.delivered_at is not None


# --- The database queue and `manage.py db_worker` -------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks")
def test_the_worker_sends_the_queued_reply(admin_client, written_message, delays):
    admin_client.post(reply_url(written_message), {"reply-body": REPLY})
    reply = Reply.objects.get()
    assert reply.delivery_status == Delivery.QUEUED
    assert mail.outbox == []
    (queued,) = ready_tasks()
    assert queued.task_path == "online_messages.replying.deliver_reply"
    assert queued.args_kwargs == {"args": [reply.pk], "kwargs": {"attempt": 1}}

    run_worker()

    (email,) = mail.outbox
    assert email.to == ["li.wei@example.com"]
    reply.refresh_from_db()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.SENT, 1)
    assert not ready_tasks().exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks", "mail_server_down")
def test_a_failed_reply_is_kept_retried_with_back_off_and_sent_once(
    admin_client, written_message, delays
):
    before = timezone.now()
    admin_client.post(reply_url(written_message), {"reply-body": REPLY})
    run_worker()

    reply = Reply.objects.get()
    assert reply.delivery_status == Delivery.FAILED
    assert reply.delivery_attempts == 1
    assert reply.delivery_error == (
        "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    )
    page = admin_client.get(written_message.get_admin_url()).content.decode()
    assert 'class="reply-delivery">Failed (1 attempt)</span>' in page
    assert "Connection unexpectedly closed: timed out" in page
    (retry,) = ready_tasks()
    assert retry.args_kwargs == {"args": [reply.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after >= before + timedelta(seconds=60)
    run_worker()  # Not due yet.
    assert mail.outbox == []

    # Still down at the second attempt: the next waits longer.
    make_retries_due()
    before = timezone.now()
    run_worker()
    (retry,) = ready_tasks()
    assert retry.args_kwargs["kwargs"] == {"attempt": 3}
    assert retry.run_after >= before + timedelta(seconds=300)

    FlakyBackend.down = False
    make_retries_due()
    run_worker()
    run_worker()

    assert len(mail.outbox) == 1
    reply.refresh_from_db()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.SENT, 3)
    assert reply.delivery_error == ""
    assert not ready_tasks().exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks", "mail_server_down")
def test_after_the_last_retry_it_stays_failed_until_retry_now(
    admin_client, written_message, delays, settings
):
    admin_client.post(reply_url(written_message), {"reply-body": REPLY})
    run_worker()
    for _ in settings.MESSAGE_REPLY_RETRY_DELAYS:
        make_retries_due()
        run_worker()
    reply = Reply.objects.get()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.FAILED, 3)
    assert not ready_tasks().exists()

    FlakyBackend.down = False
    retry = reverse(
        "admin:online_messages_message_reply_retry", args=[written_message.pk, reply.pk]
    )
    response = admin_client.post(retry, follow=True)
    assert "The reply is queued to be sent again." in response.content.decode()
    reply.refresh_from_db()
    assert reply.delivery_status == Delivery.QUEUED
    run_worker()
    assert len(mail.outbox) == 1
    reply.refresh_from_db()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.SENT, 4)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks")
def test_a_reply_is_never_sent_twice(written_message, admin_user, mailoutbox):
    reply = send_reply(written_message, admin_user, "Once only.")
    deliver_reply.enqueue(reply.pk, attempt=1)  # Staff clicked retry while the first waited.
    run_worker()
    assert len(mailoutbox) == 1
    reply.refresh_from_db()
    assert (reply.delivery_status, reply.delivery_attempts) == (Delivery.SENT, 1)
    assert sorted(task.return_value for task in DBTaskResult.objects.all()) == ["sent", "skipped"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks")
def test_each_attempt_is_made_by_one_task_only(written_message, mailoutbox):
    reply = written_message.replies.create(
        body="x", delivery_status=Delivery.FAILED, delivery_attempts=2
    )
    deliver_reply.enqueue(reply.pk, attempt=2)  # Stale: attempt 2 was made already.
    run_worker()
    assert mailoutbox == []
    assert Reply.objects.claim_delivery(reply.pk, 3)
    assert not Reply.objects.claim_delivery(reply.pk, 3)
    # A phone reply is never emailed.
    phone = written_message.replies.create(kind=Reply.Kind.PHONE, body="Called.")
    assert not Reply.objects.claim_delivery(phone.pk, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks")
def test_a_deleted_reply_is_skipped(written_message, mailoutbox):
    reply = written_message.replies.create(body="x", delivery_status=Delivery.QUEUED)
    deliver_reply.enqueue(reply.pk)
    reply.delete()
    run_worker()
    assert mailoutbox == []
    assert DBTaskResult.objects.get().return_value == "skipped"


@pytest.mark.django_db(transaction=True)
def test_a_queue_that_cannot_be_written_marks_the_reply_failed(
    admin_client, written_message, settings, mailoutbox, caplog
):
    settings.TASKS = {"default": {"BACKEND": "tests.test_message_notifications.UnwritableQueue"}}
    response = admin_client.post(reply_url(written_message), {"reply-body": REPLY}, follow=True)
    assert response.status_code == 200
    reply = Reply.objects.get()
    assert reply.delivery_status == Delivery.FAILED
    assert reply.delivery_error == "Not queued: DatabaseError: database is locked"
    assert "Retry now" in response.content.decode()
    assert f"Could not queue reply {reply.pk}" in caplog.text


@pytest.mark.django_db
def test_a_failure_is_logged_and_given_up_after_the_last_attempt(written_message, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_message_notifications.FlakyBackend"
    settings.MESSAGE_REPLY_RETRY_DELAYS = []
    reply = written_message.replies.create(body="x", delivery_status=Delivery.QUEUED)
    with caplog.at_level(logging.WARNING, logger="online_messages.replying"):
        assert deliver_reply.call(reply.pk) == "failed"
    (record,) = caplog.records
    assert record.levelno == logging.ERROR
    assert f"Reply {reply.pk} to message {written_message.pk} failed (attempt 1)" in (
        record.getMessage()
    )
    assert "Giving up." in record.getMessage()
