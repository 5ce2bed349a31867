"""The visitor's confirmation email (MESSAGE_ACKNOWLEDGE): "we have received your message".

Anyone can type someone else's address into the form, so the email must be useless for writing
to strangers: it carries nothing typed into the form, not even the name, only the company's
own text and a reference number. It goes out at most once per message, never for spam, and at
most once per MESSAGE_ACKNOWLEDGE_INTERVAL per address. Like the staff notification it is sent
by the task worker once the message is committed, so the visitor never waits for the mail
server; unlike it, it is never retried.
"""

import hashlib
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Message, PostCounter

logger = logging.getLogger(__name__)


def reference(message):
    """The number the visitor can quote: the local date received and the id, "20261128-42"."""
    return f"{timezone.localtime(message.created_at):%Y%m%d}-{message.pk}"


def rate_key(email):
    """The address's rate counter: the same for any case of it, and no address kept in clear."""
    return "ack:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:60]


def within_rate(message, now):
    """Count one confirmation to the message's address; False if one went there too recently.

    The counter is a locked row, shared by every worker and host, that lasts its own interval.
    """
    interval = timedelta(seconds=settings.MESSAGE_ACKNOWLEDGE_INTERVAL)
    return PostCounter.objects.hit(rate_key(message.email), limit=1, window=interval, now=now)


def build_acknowledgement(message):
    """The email, in the language the visitor wrote from; nothing in it comes from the form."""
    with translation.override(message.language):
        site_name = settings.SITE_NAMES[message.language]
        subject = _("[%(site)s] We have received your message") % {"site": site_name}
        body = render_to_string(
            "online_messages/email/acknowledgement.txt",
            {
                "site_name": site_name,
                "company_name": settings.COMPANIES[message.language]["name"],
                "reference": reference(message),
            },
        )
    # No Reply-To: the address is the visitor's own claim, and this email asks for no answer.
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[message.email]
    )


@task()
def send_acknowledgement(message_id):
    """Send one message's confirmation, if it still gets one. Returns what happened."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None or not message.acknowledgement_wanted:
        return "not needed"  # Gone, judged spam since, or acknowledgements turned off.
    now = timezone.now()
    if not Message.objects.claim_acknowledgement(message_id, now):
        return "skipped"  # Another task has it, or it was judged spam meanwhile.
    if not within_rate(message, now):
        # Not acknowledged, so acknowledged_at says so again. A late duplicate of this task
        # could take it once the interval is over: still one confirmation for the message.
        Message.objects.filter(pk=message_id).update(acknowledged_at=None)
        logger.info(
            "No confirmation email for message %s: its address had one in the last %s seconds.",
            message_id,
            settings.MESSAGE_ACKNOWLEDGE_INTERVAL,
        )
        return "rate limited"
    try:
        build_acknowledgement(message).send()
    except Exception as error:
        # acknowledged_at is kept, and nothing tries again: a mail server may fail after it
        # has taken the email (a timeout waiting for its answer), and a second copy is worse
        # than none, as the message itself is stored and staff will answer it.
        logger.warning(
            "Confirmation email for message %s failed: %s: %s. Not retried.",
            message_id,
            type(error).__name__,
            error,
        )
        return "failed"
    return "sent"


def queue_acknowledgement(message):
    """Once committed, queue the confirmation for a new message, if it gets one."""
    if message.acknowledgement_wanted:
        transaction.on_commit(partial(enqueue, message.pk))


def enqueue(message_id):
    """Hand the email to the task queue. A failure here is logged, never shown to a visitor."""
    try:
        send_acknowledgement.enqueue(message_id)
    except Exception:
        logger.exception("Could not queue the confirmation email for message %s.", message_id)
