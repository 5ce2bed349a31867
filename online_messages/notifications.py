"""The email that tells staff a new message arrived: plain text only, so nothing runs in it."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .forms import strip_control_characters

logger = logging.getLogger(__name__)


def admin_url(message, request=None):
    path = message.get_admin_url()
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def build_email(message, request=None):
    # A newline in a header would be refused (BadHeaderError) or could inject headers.
    name = " ".join(strip_control_characters(message.name).split())
    subject = _("[%(site)s] Online message from %(name)s") % {
        "site": settings.SITE_NAME,
        "name": Truncator(name).chars(60),
    }
    body = render_to_string(
        "online_messages/email/notification.txt",
        {
            "message": message,
            "admin_url": admin_url(message, request),
            "site_name": settings.SITE_NAME,
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=settings.MESSAGE_NOTIFY_EMAILS,
        reply_to=[message.email] if message.email else None,
    )


def notify_staff(message, request=None):
    """Email the staff about a new message. A failure is logged; it never reaches the visitor."""
    if not settings.MESSAGE_NOTIFY_EMAILS:
        return False
    try:
        build_email(message, request).send()
    except Exception:
        logger.exception("Could not send the notification email for message %s.", message.pk)
        return False
    return True
