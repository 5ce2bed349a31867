from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from online_messages.models import Message, PostCounter

MAX_DAYS = 100 * 366  # Far enough back for any retention rule, and a date Python can hold.


class Command(BaseCommand):
    help = "Delete messages older than a number of days, optionally only those with given statuses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            required=True,
            metavar="DAYS",
            help="Delete messages received more than DAYS days ago.",
        )
        parser.add_argument(
            "--status",
            metavar="STATUSES",
            help="Comma-separated statuses to delete, e.g. spam,archived (default: all).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be deleted; delete nothing."
        )

    def handle(self, *args, older_than, status, dry_run, **options):
        days = self.parse_days(older_than)
        statuses = self.parse_statuses(status)
        with transaction.atomic():
            messages = Message.objects.older_than(days)
            if statuses:
                messages = messages.filter(status__in=statuses)
            count = (
                messages.count() if dry_run else messages.delete()[1].get(Message._meta.label, 0)
            )
        if not dry_run:
            self.remove_expired_records()
        params = {
            "count": count,
            "days": days,
            "statuses": ", ".join(statuses) if statuses else _("all"),
        }
        if dry_run:
            text = ngettext(
                "Would delete %(count)d message older than %(days)d days (statuses: %(statuses)s).",
                "Would delete %(count)d messages older than %(days)d days "
                "(statuses: %(statuses)s).",
                count,
            )
        else:
            text = ngettext(
                "Deleted %(count)d message older than %(days)d days (statuses: %(statuses)s).",
                "Deleted %(count)d messages older than %(days)d days (statuses: %(statuses)s).",
                count,
            )
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(text % params))

    @staticmethod
    def remove_expired_records():
        """What the form's spam defence keeps for a while: rate counts, captcha challenges."""
        PostCounter.objects.expired().delete()
        if apps.is_installed("captcha"):
            from captcha.models import CaptchaStore

            CaptchaStore.remove_expired()

    def parse_days(self, value):
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(
                _("--older-than must be a whole number of days from 1 to %(max)d (got %(value)r).")
                % {"max": MAX_DAYS, "value": value}
            )
        return days

    def parse_statuses(self, value):
        if value is None:
            return []
        statuses = [part.strip() for part in value.split(",") if part.strip()]
        unknown = [status for status in statuses if status not in Message.Status.values]
        if not statuses or unknown:
            raise CommandError(
                _("--status takes a comma-separated list of: %(known)s (got %(value)r).")
                % {"known": ", ".join(Message.Status.values), "value": value}
            )
        return sorted(set(statuses), key=Message.Status.values.index)
