"""The staff email leaves the request: queued (django-tasks), sent by the worker, retried.

A visitor never waits for the mail server. A failed notification is recorded on the message with
its error, tried again after MESSAGE_NOTIFY_RETRY_DELAYS, shown in the admin, and staff can
retry it; a message is never notified twice. The email's own text: test_message_email.py.
"""

import logging
import smtplib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from html.parser import HTMLParser
from http.cookiejar import CookieJar

import pytest
from aiosmtpd.controller import Controller
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from online_messages.models import Message
from online_messages.tasks import send_notification
from tests.gunicorn_server import ROOT, free_port, manage, production_env, serve
from tests.server_database import server_database

from .messages import FORM_URL, THANKS_URL, form_data

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CHANGELIST_URL = reverse("admin:online_messages_message_changelist")
Notification = Message.NotificationStatus


class FlakyBackend(LocmemBackend):
    """The test outbox, behind a mail server that is down while `down` is true."""

    down = True

    def send_messages(self, email_messages):
        if FlakyBackend.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
        return super().send_messages(email_messages)


class UnwritableQueue(DatabaseBackend):
    """A task queue whose database refuses the write."""

    def enqueue(self, task, args, kwargs):
        raise DatabaseError("database is locked")


@pytest.fixture
def notify(settings):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]
    settings.SITE_URL = "https://news.example.com"
    settings.MESSAGE_NOTIFY_RETRY_DELAYS = [60, 300]


@pytest.fixture
def database_tasks(settings, mailoutbox):
    """Tasks stored in the database, as in production, and run by `db_worker` below."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def mail_server_down(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.down = True
    yield
    FlakyBackend.down = True


def run_worker():
    """One pass of `manage.py db_worker`: every task that is due, then exit."""
    # The command sets its loggers' levels for the whole process; keep them as they were.
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
            verbosity=0,
        )  # fmt: skip
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def ready_tasks():
    return DBTaskResult.objects.filter(status="READY")


def make_retries_due():
    """As if the retry delay had passed."""
    ready_tasks().update(run_after=timezone.now() - timedelta(seconds=1))


def post_message(client, **fields):
    response = client.post(FORM_URL, form_data(**fields))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    return Message.objects.get()


# --- In-process (`make run`) --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_in_process_tasks_send_the_email_when_the_message_is_stored(
    client, notify, settings, mailoutbox
):
    settings.TASKS = IMMEDIATE_TASKS
    message = post_message(client)
    (email,) = mailoutbox
    assert email.to == ["staff@example.com"]
    assert "> Please send me your product catalogue." in email.body.splitlines()
    message.refresh_from_db()
    assert message.notification_status == Notification.SENT
    assert message.notification_attempts == 1
    assert message.notified_at is not None
    assert message.notification_error == ""


@pytest.mark.django_db(transaction=True)
def test_in_process_failure_is_recorded_and_left_for_staff(
    client, notify, settings, mail_server_down
):
    settings.TASKS = IMMEDIATE_TASKS
    response = client.post(FORM_URL, form_data(), follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    message = Message.objects.get()
    assert message.notification_status == Notification.FAILED
    assert message.notification_attempts == 1
    assert "timed out" in message.notification_error
    assert mail.outbox == []


# --- The database queue and `manage.py db_worker` -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_what_the_form_queued(client, notify, database_tasks, mailoutbox):
    message = post_message(client)
    assert message.notification_status == Notification.QUEUED
    assert mailoutbox == []
    (queued,) = ready_tasks()
    assert queued.task_path == "online_messages.tasks.send_notification"
    assert queued.args_kwargs["args"] == [message.pk]

    run_worker()

    (email,) = mailoutbox
    admin_url = f"https://news.example.com/admin/online_messages/message/{message.pk}/change/"
    assert f"Open it in the admin: {admin_url}" in email.body.splitlines()
    message.refresh_from_db()
    assert message.notification_status == Notification.SENT
    assert message.notification_attempts == 1
    assert not ready_tasks().exists()


@pytest.mark.django_db(transaction=True)
def test_spam_queues_nothing(client, notify, database_tasks, mailoutbox):
    message = post_message(client, website="http://spam.example")
    assert message.status == Message.Status.SPAM
    assert message.notification_status == Notification.NONE
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_email_is_recorded_and_retried_later_then_sent_once(
    client, notify, database_tasks, mail_server_down
):
    before = timezone.now()
    message = post_message(client)
    run_worker()

    message.refresh_from_db()
    assert message.notification_status == Notification.FAILED
    assert message.notification_attempts == 1
    assert message.notification_error == (
        "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    )
    (retry,) = ready_tasks()
    assert retry.args_kwargs == {
        "args": [message.pk],
        "kwargs": {"attempt": 2, "base_url": "http://testserver/"},
    }
    assert retry.run_after >= before + timedelta(seconds=60)
    run_worker()  # Not due yet: nothing happens.
    assert ready_tasks().get() == retry
    assert mail.outbox == []

    FlakyBackend.down = False
    make_retries_due()
    run_worker()

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.notification_status == Notification.SENT
    assert message.notification_attempts == 2
    assert message.notification_error == ""
    assert not ready_tasks().exists()


@pytest.mark.django_db(transaction=True)
def test_after_the_last_retry_the_failure_stays_until_staff_retry_it(
    client, admin_client, notify, settings, database_tasks, mail_server_down
):
    message = post_message(client)
    run_worker()
    for _ in settings.MESSAGE_NOTIFY_RETRY_DELAYS:
        make_retries_due()
        run_worker()
    message.refresh_from_db()
    assert message.notification_status == Notification.FAILED
    assert message.notification_attempts == 3  # The first try and one per delay.
    assert not ready_tasks().exists()

    page = admin_client.get(message.get_admin_url()).content.decode()
    assert "Staff notification" in page
    assert "SMTPServerDisconnected: Connection unexpectedly closed: timed out" in page
    listing = admin_client.get(CHANGELIST_URL).content.decode()
    assert "Failed (3 attempts): SMTPServerDisconnected" in listing

    FlakyBackend.down = False
    response = admin_client.post(
        CHANGELIST_URL,
        {"action": "retry_notification", helpers.ACTION_CHECKBOX_NAME: [message.pk]},
        follow=True,
    )
    assert "1 notification queued to be sent again." in response.content.decode()
    message.refresh_from_db()
    assert message.notification_status == Notification.QUEUED
    run_worker()
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.notification_status == Notification.SENT
    assert message.notification_attempts == 4


@pytest.mark.django_db(transaction=True)
def test_a_message_is_never_notified_twice(notify, database_tasks, mailoutbox, make_message):
    message = make_message(notification_status=Notification.QUEUED)
    # Two tasks for one message (staff clicked retry while the first one waited).
    for _ in range(2):
        send_notification.enqueue(message.pk, attempt=1)
    run_worker()
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.notification_status == Notification.SENT
    assert message.notification_attempts == 1
    assert [task.return_value for task in DBTaskResult.objects.order_by("finished_at")] == [
        "sent",
        "skipped",
    ]


@pytest.mark.django_db(transaction=True)
def test_each_attempt_is_made_by_one_task_only(notify, database_tasks, mailoutbox, make_message):
    message = make_message(notification_status=Notification.FAILED, notification_attempts=2)
    send_notification.enqueue(message.pk, attempt=2)  # Stale: attempt 2 was made already.
    run_worker()
    assert mailoutbox == []
    # Two workers at once on the next attempt: only the first may make it.
    assert Message.objects.claim_notification(message.pk, 3)
    assert not Message.objects.claim_notification(message.pk, 3)


@pytest.mark.django_db(transaction=True)
def test_a_message_marked_spam_before_the_worker_runs_is_not_sent(
    client, admin_client, notify, database_tasks, mailoutbox
):
    message = post_message(client)
    admin_client.post(
        CHANGELIST_URL, {"action": "mark_spam", helpers.ACTION_CHECKBOX_NAME: [message.pk]}
    )
    run_worker()
    assert mailoutbox == []
    message.refresh_from_db()
    assert message.notification_status == Notification.NONE


@pytest.mark.django_db(transaction=True)
def test_a_deleted_message_is_skipped(notify, database_tasks, mailoutbox, make_message):
    message = make_message(notification_status=Notification.QUEUED)
    send_notification.enqueue(message.pk)
    message.delete()
    run_worker()
    assert mailoutbox == []
    assert DBTaskResult.objects.get().return_value == "skipped"


@pytest.mark.django_db(transaction=True)
def test_a_queue_that_cannot_be_written_still_thanks_the_visitor(
    client, notify, settings, mailoutbox, caplog
):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.UnwritableQueue"}}
    response = client.post(FORM_URL, form_data(), follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    assert "Thank you, Li Wei." in response.content.decode()
    message = Message.objects.get()
    assert message.notification_status == Notification.FAILED
    assert message.notification_error == "Not queued: DatabaseError: database is locked"
    assert "Could not queue the notification email" in caplog.text


# --- The admin ----------------------------------------------------------------------------


def test_inbox_filters_by_notification_state(admin_client, make_message):
    make_message(name="Alpha", notification_status=Notification.SENT)
    make_message(
        name="Bravo",
        notification_status=Notification.FAILED,
        notification_attempts=2,
        notification_error="TimeoutError: timed out",
    )
    html = admin_client.get(CHANGELIST_URL, {"notification_status": "failed"}).content.decode()
    assert "Bravo" in html and "Alpha" not in html
    assert "Failed (2 attempts): TimeoutError: timed out" in html


def test_the_notification_is_shown_but_never_editable(admin_client, make_message):
    message = make_message(
        notification_status=Notification.FAILED,
        notification_attempts=1,
        notification_error="SMTPConnectError: (421, 'Service not available')",
    )
    page = admin_client.get(message.get_admin_url()).content.decode()
    assert "SMTPConnectError: (421, &#x27;Service not available&#x27;)" in page
    assert 'name="notification_status"' not in page
    admin_client.post(
        message.get_admin_url(),
        {"status": "read", "internal_note": "", "notification_status": "sent"},
    )
    message.refresh_from_db()
    assert message.status == Message.Status.READ
    assert message.notification_status == Notification.FAILED


def test_retry_leaves_sent_and_spam_alone(
    admin_client, notify, make_message, mailoutbox, django_capture_on_commit_callbacks
):
    sent = make_message(notification_status=Notification.SENT, notification_attempts=1)
    spam = make_message(status=Message.Status.SPAM, notification_status=Notification.FAILED)
    failed = make_message(notification_status=Notification.FAILED, notification_attempts=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST_URL,
            {
                "action": "retry_notification",
                helpers.ACTION_CHECKBOX_NAME: [sent.pk, spam.pk, failed.pk],
            },
            follow=True,
        )
    html = response.content.decode()
    assert "1 notification queued to be sent again." in html
    assert "2 messages left alone" in html
    assert len(mailoutbox) == 1  # Tasks run in-process under the tests' settings.
    failed.refresh_from_db()
    assert failed.notification_status == Notification.SENT
    assert failed.notification_attempts == 6
    spam.refresh_from_db()
    assert spam.notification_status == Notification.FAILED


def test_retry_needs_the_change_permission(client, django_user_model, make_message):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_message"))
    client.force_login(viewer)
    make_message(notification_status=Notification.FAILED)
    assert "retry_notification" not in client.get(CHANGELIST_URL).content.decode()


def test_handlers_may_retry(handler_client, make_message):
    make_message(notification_status=Notification.FAILED)
    assert "Retry notification now" in handler_client.get(CHANGELIST_URL).content.decode()


# --- A mail server that never answers, with gunicorn and the worker as in production ------


class HangingSMTPServer:
    """Accepts connections on 127.0.0.1 and never sends the greeting."""

    def __init__(self, port):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.connections = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)  # Held open, silent.

    def close(self):
        if self.stopping.is_set():
            return
        self.stopping.set()
        self.thread.join(timeout=5)
        for connection in self.connections:
            connection.close()
        self.sock.close()


class RecordingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(port):
    """A real SMTP server (aiosmtpd) on `port`; yields what it received."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler.envelopes
    finally:
        controller.stop()


class HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(opener, base):
    """What the served form carries for the browser to send back: CSRF token, timestamp…"""
    with opener.open(base + FORM_URL, timeout=30) as response:
        parser = HiddenInputs()
        parser.feed(response.read().decode())
    return parser.values


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # Report the 302 itself instead of following it.


def post_status(opener, request):
    """The status and Location of the answer, a redirect not followed."""
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def worker_pass(env):
    """`manage.py db_worker --batch` in its own process, as the systemd unit runs it."""
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"]
        + ["--no-startup-delay", "--interval", "0"],
        cwd=ROOT,
        env=env,
        timeout=60,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.slow
def test_a_hanging_mail_server_neither_delays_the_visitor_nor_loses_the_email(tmp_path):
    smtp_port = free_port()
    hanging = HangingSMTPServer(smtp_port)
    try:
        with server_database(tmp_path / "messages.sqlite3") as (database_url, query):
            env = production_env(
                tmp_path,
                tmp_path / "messages.sqlite3",
                DATABASE_URL=database_url,
                CACHE_URL="locmemcache://",
                TASKS_BACKEND="database",
                EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
                EMAIL_TIMEOUT="1",
                MESSAGE_NOTIFY_EMAILS="staff@example.com",
                MESSAGE_NOTIFY_RETRY_DELAYS="1",
                MESSAGE_MIN_SECONDS="0",
            )
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            log_path = tmp_path / "gunicorn.log"
            with serve(env, log_path, "-w", "1", "--timeout", "30", ready_path=FORM_URL) as base:
                opener = urllib.request.build_opener(
                    urllib.request.HTTPCookieProcessor(CookieJar()), KeepRedirects
                )
                fields = {**form_data(), **hidden_fields(opener, base)}
                data = urllib.parse.urlencode(fields).encode()
                request = urllib.request.Request(
                    base + FORM_URL, data=data, headers={"Referer": base + FORM_URL}
                )
                started = time.monotonic()
                status, location = post_status(opener, request)
                elapsed = time.monotonic() - started
                print(f"\nthanks redirect with a hanging mail server: {elapsed * 1000:.0f} ms")
            assert (status, location) == (302, THANKS_URL), log_path.read_text()
            assert query("SELECT name, notification_status FROM online_messages_message") == [
                ("Li Wei", "queued")
            ]

            started = time.monotonic()
            worker_pass(env)  # The first attempt waits EMAIL_TIMEOUT, then fails.
            print(f"worker pass against the hanging server: {time.monotonic() - started:.1f} s")
            ((status, attempts, error),) = query(
                "SELECT notification_status, notification_attempts, notification_error"
                " FROM online_messages_message"
            )
            assert (status, attempts) == ("failed", 1)
            assert "timed out" in error
            assert query("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult"
                         " WHERE status = 'READY'") == [(1,)]  # fmt: skip

            hanging.close()
            with smtp_server(smtp_port) as received:
                deadline = time.monotonic() + 30
                while query("SELECT notification_status FROM online_messages_message") != [
                    ("sent",)
                ]:
                    assert time.monotonic() < deadline, "the retry never delivered"
                    time.sleep(0.3)  # Until the one-second retry delay has passed.
                    worker_pass(env)
                assert len(received) == 1
                assert received[0].rcpt_tos == ["staff@example.com"]
                assert b"Please send me your product catalogue." in received[0].content
            assert query(
                "SELECT notification_attempts, notification_error FROM online_messages_message"
            ) == [(2, "")]
    finally:
        hanging.close()
