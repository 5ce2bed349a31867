"""The daily digest: one email to MESSAGE_DIGEST_EMAILS listing the messages still unhandled a
day after they arrived, oldest first, each with a link to it in the admin.

Plain text, as the staff notification is (notifications.py): the site's lines first, then what
visitors typed, each field made one line, cut short and marked as theirs, so that no name or
excerpt can pass for one of the site's lines. Cron runs `manage.py send_message_digest` daily;
the `send_digest` task does the same from the task worker.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from .models import Message
from .notifications import admin_url, one_line

# What `send` did.
SENT = "sent"
NO_MESSAGES = "no messages"
NO_RECIPIENTS = "no recipients"

WAITING_DAYS = 1
NAME_LENGTH = 60
EXCERPT_LENGTH = 100


def waiting_messages():
    """Unhandled (new or read) messages received more than a day ago, oldest first."""
    return Message.objects.unhandled().older_than(WAITING_DAYS).order_by("created_at", "pk")


def entry(message, base_url):
    """One message's lines: our own (date, status, link), then the visitor's, one line each."""
    return {
        "received": message.created_at,
        "status": message.get_status_display(),
        "admin_url": admin_url(message, base_url),
        "name": Truncator(one_line(message.name)).chars(NAME_LENGTH),
        "excerpt": Truncator(one_line(message.content)).chars(EXCERPT_LENGTH),
    }


def build_digest(messages, total, base_url=""):
    """The email for `total` waiting messages, of which `messages` (at most the cap) are listed.

    In the site's default language: it is for staff, whatever language visitors wrote in.
    """
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "[%(site)s] %(count)d online message waiting for more than a day",
            "[%(site)s] %(count)d online messages waiting for more than a day",
            total,
        ) % {"site": settings.SITE_NAME, "count": total}
        summary = ngettext(
            "%(count)d message received more than a day ago is still new or read: nobody has "
            "replied to it, archived it or marked it as spam.",
            "%(count)d messages received more than a day ago are still new or read: nobody has "
            "replied to them, archived them or marked them as spam.",
            total,
        ) % {"count": total}
        unlisted = total - len(messages)
        more = (
            ngettext("… and %(count)d more.", "… and %(count)d more.", unlisted)
            % {"count": unlisted}
            if unlisted > 0
            else ""
        )
        body = render_to_string(
            "online_messages/email/digest.txt",
            {
                "summary": summary,
                "entries": [entry(message, base_url) for message in messages],
                "more": more,
                "site_name": settings.SITE_NAME,
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=settings.MESSAGE_DIGEST_EMAILS,
    )


def send(base_url=""):
    """Send the digest if there is someone to send it to and something to list.

    Returns (what happened: SENT, NO_MESSAGES or NO_RECIPIENTS; how many messages wait).
    A failure to send is raised: the command reports it, the task worker records it.
    """
    if not settings.MESSAGE_DIGEST_EMAILS:
        return NO_RECIPIENTS, 0
    waiting = waiting_messages()
    total = waiting.count()
    if not total:
        return NO_MESSAGES, 0
    listed = list(waiting[: settings.MESSAGE_DIGEST_MAX_MESSAGES])
    build_digest(listed, total, base_url).send()
    return SENT, total


@task()
def send_digest(base_url=""):
    """The digest, from the task worker. Returns what happened and how many messages wait."""
    outcome, total = send(base_url)
    return {"outcome": outcome, "count": total}


def report(outcome, total):
    """What `send` did, in a sentence for the person who ran it."""
    if outcome == NO_RECIPIENTS:
        return _("MESSAGE_DIGEST_EMAILS is empty: no digest sent.")
    if outcome == NO_MESSAGES:
        return _("No unhandled messages older than a day: no digest sent.")
    return ngettext(
        "Digest of %(count)d message sent to %(recipients)s.",
        "Digest of %(count)d messages sent to %(recipients)s.",
        total,
    ) % {"count": total, "recipients": ", ".join(settings.MESSAGE_DIGEST_EMAILS)}
