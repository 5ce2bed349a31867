"""CSV export of messages that opens correctly in Excel and cannot smuggle in formulas."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value):
    """Make a cell that a spreadsheet would run as a formula read as plain text."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


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
        ]
    )
    for message in messages:
        row = [
            timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M"),
            message.get_status_display(),
            message.name,
            message.email,
            message.phone,
            message.company,
            message.content,
            message.internal_note,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return response
