from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from online_messages import digest


class Command(BaseCommand):
    help = (
        "Email MESSAGE_DIGEST_EMAILS the digest of unhandled online messages: those still new "
        "or read more than a day after they arrived, oldest first, with links to the admin "
        "(under SITE_URL). Nothing is sent when there are none or MESSAGE_DIGEST_EMAILS is "
        "empty. Cron runs it once a day, e.g. "
        "`0 8 * * * cd /srv/newscenter && .venv/bin/python manage.py send_message_digest`."
    )

    def handle(self, *args, **options):
        try:
            outcome, total = digest.send()
        except Exception as error:
            # Cron mails the output of a failed run: say what failed, and exit non-zero.
            raise CommandError(
                _("The digest could not be sent: %(error)s")
                % {"error": f"{type(error).__name__}: {error}"}
            ) from error
        style = self.style.WARNING if outcome == digest.NO_RECIPIENTS else self.style.SUCCESS
        if options["verbosity"] > 0:
            self.stdout.write(style(digest.report(outcome, total)))
