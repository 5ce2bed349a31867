"""Work done after the request (django-tasks): the staff notification email, with retries.

The visitor never waits for the mail server. The view queues `send_notification` once the
message is committed; `manage.py db_worker` runs it (under `make run`, the request does). A
failure is recorded on the message and tried again after each of MESSAGE_NOTIFY_RETRY_DELAYS;
after the last one the message stays "failed", with its error, until staff retry it.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from .models import Message
from .notifications import build_email

logger = logging.getLogger(__name__)


def retry_delay(attempts):
    """Seconds to wait after `attempts` failed attempts before the next one; None: give up."""
    delays = settings.MESSAGE_NOTIFY_RETRY_DELAYS
    return delays[attempts - 1] if 0 < attempts <= len(delays) else None


@task()
def send_notification(message_id, attempt=1, base_url=""):
    """Email the staff about one message: attempt number `attempt`. Returns what happened.

    The message is read again, since it may have changed or gone since this was queued. Each
    attempt is claimed on the message first, so a duplicate or stale task never sends twice.
    """
    message = Message.objects.filter(pk=message_id).first()
    if message is None or message.notification_status == Message.NotificationStatus.SENT:
        return "skipped"
    if not message.notification_wanted:  # Marked as spam since, or nobody to tell any more.
        message.set_notification(Message.NotificationStatus.NONE)
        return "not needed"
    if not Message.objects.claim_notification(message_id, attempt):
        return "skipped"
    message.notification_attempts = attempt
    try:
        # Staff read the site's language, whichever language the visitor wrote in.
        with translation.override(settings.LANGUAGE_CODE):
            build_email(message, base_url).send()
    except Exception as error:
        message.set_notification(
            Message.NotificationStatus.FAILED, f"{type(error).__name__}: {error}"
        )
        retry_at = schedule_retry(message, base_url)
        logger.log(
            logging.WARNING if retry_at else logging.ERROR,
            "Notification email for message %s failed (attempt %s): %s. %s",
            message_id,
            attempt,
            message.notification_error,
            f"Trying again after {retry_at:%Y-%m-%d %H:%M:%S %Z}." if retry_at else "Giving up.",
        )
        return "failed"
    message.set_notification(Message.NotificationStatus.SENT)
    return "sent"


def schedule_retry(message, base_url):
    """Queue the next attempt after the configured delay; returns when it runs, or None."""
    delay = retry_delay(message.notification_attempts)
    if delay is None or not send_notification.get_backend().supports_defer:
        return None  # Out of attempts, or tasks run in-process (`make run`): staff retry.
    run_after = timezone.now() + timedelta(seconds=delay)
    send_notification.using(run_after=run_after).enqueue(
        message.pk, attempt=message.notification_attempts + 1, base_url=base_url
    )
    return run_after


def queue_notification(message, request=None):
    """Once the current transaction commits, queue the staff email for a message waiting for it.

    The request, if any, gives the site's address for the admin link when SITE_URL is unset.
    """
    if message.notification_status != Message.NotificationStatus.QUEUED:
        return
    base_url = request.build_absolute_uri("/") if request is not None else ""
    attempt = message.notification_attempts + 1
    transaction.on_commit(partial(enqueue, message, attempt, base_url))


def enqueue(message, attempt, base_url):
    """Hand the email to the task queue. A failure here is logged, never shown to a visitor."""
    try:
        send_notification.enqueue(message.pk, attempt=attempt, base_url=base_url)
    except Exception as error:
        logger.exception("Could not queue the notification email for message %s.", message.pk)
        try:
            message.set_notification(
                Message.NotificationStatus.FAILED, f"Not queued: {type(error).__name__}: {error}"
            )
        except Exception:
            logger.exception("Could not record that failure on message %s.", message.pk)
