"""Staff reply to a message: by email, through the task worker with retries, or by phone.

An emailed reply is stored first, with who wrote it and its delivery state; the email is queued
once that is committed. `deliver_reply` sends it and records each attempt on the reply; a failure
is tried again after each of MESSAGE_REPLY_RETRY_DELAYS, then stays "failed" until staff retry.
The email is plain text in the visitor's language: the staff's reply, then the visitor's message
quoted line by line, as the staff notification quotes it.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import delivery
from .models import Message, Reply
from .notifications import one_line, quoted

logger = logging.getLogger(__name__)


def reply_to_address(user):
    """Where the visitor's answer goes: MESSAGE_REPLY_TO, else the handler's own address.

    Empty when neither is a valid address, so a header never carries a malformed one.
    """
    address = one_line(settings.MESSAGE_REPLY_TO or getattr(user, "email", "") or "")
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def build_reply_email(reply):
    """The email for an emailed reply, written in the language the visitor wrote in."""
    message = reply.message
    # The form checked the address; one stored otherwise must not reach a header as it is.
    validate_email(message.email)
    with translation.override(message.language):
        site_name = settings.SITE_NAMES.get(message.language, settings.SITE_NAME)
        # Only the site's own words in the subject; one_line keeps it a single header line.
        subject = one_line(_("Re: your message to %(site)s") % {"site": site_name})
        body = render_to_string(
            "online_messages/email/reply.txt",
            {
                "reply_body": reply.body,
                "written_on": timezone.localtime(message.created_at).strftime("%Y.%m.%d"),
                "quoted_content": quoted(message.content),
                "site_name": site_name,
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.email],
        reply_to=[reply.reply_to] if reply.reply_to else None,
    )


@task()
def deliver_reply(reply_id, attempt=1):
    """Email one reply to the visitor: attempt number `attempt`. Returns what happened.

    The reply is read again, since it may have been sent or deleted since this was queued. Each
    attempt is claimed on the reply first, so a duplicate or stale task never sends twice.
    """
    reply = Reply.objects.select_related("message").filter(pk=reply_id).first()
    if reply is None or reply.delivery_status == Reply.Delivery.SENT:
        return "skipped"
    if not Reply.objects.claim_delivery(reply_id, attempt):
        return "skipped"
    reply.delivery_attempts = attempt
    try:
        build_reply_email(reply).send()
    except Exception as error:
        reply.set_delivery(Reply.Delivery.FAILED, delivery.describe(error))
        retry_at = delivery.schedule_retry(
            deliver_reply, settings.MESSAGE_REPLY_RETRY_DELAYS, attempt, reply.pk
        )
        what = f"Reply {reply.pk} to message {reply.message_id}"
        delivery.log_failure(logger, what, attempt, reply.delivery_error, retry_at)
        return "failed"
    reply.set_delivery(Reply.Delivery.SENT)
    return "sent"


def queue_reply(reply):
    """Once the current transaction commits, queue the next delivery attempt of a reply."""
    transaction.on_commit(
        partial(
            delivery.enqueue_or_record,
            logger,
            f"reply {reply.pk} to message {reply.message_id}",
            partial(reply.set_delivery, Reply.Delivery.FAILED),
            deliver_reply,
            reply.pk,
            attempt=reply.delivery_attempts + 1,
        )
    )


@transaction.atomic
def send_reply(message, user, body):
    """Store an emailed reply by `user`, mark the message replied and queue the email."""
    reply = message.replies.create(
        kind=Reply.Kind.EMAIL,
        body=body,
        sent_by=user,
        reply_to=reply_to_address(user),
        delivery_status=Reply.Delivery.QUEUED,
    )
    message.mark(Message.Status.REPLIED, user)
    queue_reply(reply)
    return reply


@transaction.atomic
def record_phone_reply(message, user, note):
    """Record that `user` answered by phone, with their note, and mark the message replied."""
    reply = message.replies.create(
        kind=Reply.Kind.PHONE, body=note, sent_by=user, delivery_status=Reply.Delivery.NONE
    )
    message.mark(Message.Status.REPLIED, user)
    return reply


@transaction.atomic
def retry_reply(reply):
    """Queue a failed (or stuck) emailed reply again; False if it is not one."""
    if not reply.retryable:
        return False
    reply.set_delivery(Reply.Delivery.QUEUED)
    queue_reply(reply)
    return True
