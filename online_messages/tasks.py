"""Work done after the request (django-tasks): the staff notification email, with retries.

The visitor never waits for the mail server. The view queues `send_notification` once the
message is committed; `manage.py db_worker` runs it (under `make run`, the request does). A
failure is recorded on the message and tried again after each of MESSAGE_NOTIFY_RETRY_DELAYS;
after the last one the message stays "failed", with its error, until staff retry it.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_tasks import task

from . import delivery
from .models import Message
from .notifications import build_email

logger = logging.getLogger(__name__)


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
        message.set_notification(Message.NotificationStatus.FAILED, delivery.describe(error))
        retry_at = schedule_retry(message, base_url)
        what = f"Notification email for message {message_id}"
        delivery.log_failure(logger, what, attempt, message.notification_error, retry_at)
        return "failed"
    message.set_notification(Message.NotificationStatus.SENT)
    return "sent"


def schedule_retry(message, base_url):
    """Queue the next attempt after the configured delay; returns when it runs, or None."""
    return delivery.schedule_retry(
        send_notification,
        settings.MESSAGE_NOTIFY_RETRY_DELAYS,
        message.notification_attempts,
        message.pk,
        base_url=base_url,
    )


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
    delivery.enqueue_or_record(
        logger,
        f"the notification email for message {message.pk}",
        partial(message.set_notification, Message.NotificationStatus.FAILED),
        send_notification,
        message.pk,
        attempt=attempt,
        base_url=base_url,
    )
