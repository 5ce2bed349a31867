"""CSV export of messages that opens correctly in Excel and cannot smuggle in formulas."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Reply

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value):
    """Make a cell that a spreadsheet would run as a formula read as plain text."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def reply_text(reply, message):
    """One reply in one paragraph: "2026-11-28 10:00 · name · address · state: text"."""
    if reply.kind == Reply.Kind.EMAIL:
        contact, state = message.email, reply.get_delivery_status_display()
    else:
        contact, state = message.phone, _("by phone")
    parts = [
        timezone.localtime(reply.created_at).strftime("%Y-%m-%d %H:%M"),
        reply.sender_name or _("a deleted user"),
        contact,
        f"{state}: {reply.body}",
    ]
    return " · ".join(parts)


def messages_csv(messages):
    """An attachment with one row per message, UTF-8 with a BOM so Excel reads Chinese right."""
    filename = timezone.localtime().strftime("messages-%Y%m%d-%H%M.csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Date"),
            _("Status"),
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Company"),
            _("Message"),
            _("Internal note"),
            _("Replies"),
            _("Public reply"),
        ]
    )
    # One more query for the replies and their senders, however many messages there are.
    replies = Prefetch("replies", queryset=Reply.objects.select_related("sent_by"))
    for message in messages.prefetch_related(replies):
        row = [
            timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M"),
            message.get_status_display(),
            message.name,
            message.email,
            message.phone,
            message.company,
            message.content,
            message.internal_note,
            "\n\n".join(reply_text(reply, message) for reply in message.replies.all()),
            message.public_reply,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return response
