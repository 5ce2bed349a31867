"""The email that tells staff a new message arrived: plain text only, so nothing runs in it.

The site's own lines come first. What the visitor typed follows, marked as theirs: one-line
fields are kept to one line, and every line of the message is quoted ("> "), so no line of it
can pass for one of ours (a forged "Open it in the admin: …", say).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .forms import strip_control_characters


def one_line(text):
    """Visitor text for a one-line slot: every kind of line break becomes a space."""
    flat = " ".join(text.split())  # str.split() breaks at CR, LF, U+2028 and the like
    return " ".join(strip_control_characters(flat).split())


def quoted(text):
    """Every line of the visitor's text, whatever breaks it (CR, U+2028, …), starts with "> "."""
    lines = text.splitlines() or [""]
    return "\n".join(f"> {strip_control_characters(line)}".rstrip() for line in lines)


def admin_url(message, base_url=""):
    """The message's admin page: under SITE_URL, else under `base_url` (the site as requested)."""
    path = message.get_admin_url()
    base = settings.SITE_URL or base_url
    return base.rstrip("/") + path if base else path


def build_email(message, base_url=""):
    # A newline in a header would be refused (BadHeaderError) or could inject headers.
    name = one_line(message.name)
    subject = _("[%(site)s] Online message from %(name)s") % {
        "site": settings.SITE_NAME,
        "name": Truncator(name).chars(60),
    }
    body = render_to_string(
        "online_messages/email/notification.txt",
        {
            "message": message,
            "admin_url": admin_url(message, base_url),
            "site_name": settings.SITE_NAME,
            "sender": {
                "name": name,
                "email": one_line(message.email),
                "phone": one_line(message.phone),
                "company": one_line(message.company),
            },
            "quoted_content": quoted(message.content),
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=settings.MESSAGE_NOTIFY_EMAILS,
        reply_to=[message.email] if message.email else None,
    )
