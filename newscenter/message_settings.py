"""Settings for the Online Message conversation (replies, acknowledgement, blocklist, board and
digest), read from the environment.

In a module of their own, as the settings file has no room left; settings.py imports them.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "MESSAGE_ACKNOWLEDGE",
    "MESSAGE_ACKNOWLEDGE_INTERVAL",
    "MESSAGE_BLOCKLIST_MAX_ENTRIES",
    "MESSAGE_BOARD",
    "MESSAGE_BOARD_PAGE_SIZE",
    "MESSAGE_DIGEST_EMAILS",
    "MESSAGE_DIGEST_MAX_MESSAGES",
    "MESSAGE_MAX_LINKS",
    "MESSAGE_REPLY_RETRY_DELAYS",
    "MESSAGE_REPLY_TO",
]

env = environ.Env()

# Staff replies go out from DEFAULT_FROM_EMAIL; answers to them reach this address, or the
# handler's own when it is empty.
MESSAGE_REPLY_TO = env("MESSAGE_REPLY_TO", default="")
# Seconds to wait before each new try of a reply that failed, as for notifications.
MESSAGE_REPLY_RETRY_DELAYS = env.list(
    "MESSAGE_REPLY_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200]
)
# A short confirmation to a visitor who gave an email address, at most once per address and
# interval (seconds). It carries nothing the visitor typed.
MESSAGE_ACKNOWLEDGE = env.bool("MESSAGE_ACKNOWLEDGE", default=False)
MESSAGE_ACKNOWLEDGE_INTERVAL = env.int("MESSAGE_ACKNOWLEDGE_INTERVAL", default=60 * 60)
# A message with more links than this is spam.
MESSAGE_MAX_LINKS = env.int("MESSAGE_MAX_LINKS", default=3)
# The blocklist is matched against every message: its size is bounded.
MESSAGE_BLOCKLIST_MAX_ENTRIES = env.int("MESSAGE_BLOCKLIST_MAX_ENTRIES", default=2000)
# The public message board (/message/board/): approved messages with the staff's public reply.
MESSAGE_BOARD = env.bool("MESSAGE_BOARD", default=False)
MESSAGE_BOARD_PAGE_SIZE = env.int("MESSAGE_BOARD_PAGE_SIZE", default=10)
# Recipients of the daily digest of unhandled messages (manage.py send_message_digest); empty
# means no digest.
MESSAGE_DIGEST_EMAILS = env.list("MESSAGE_DIGEST_EMAILS", default=[])
# The digest lists at most this many messages, then says how many more wait.
MESSAGE_DIGEST_MAX_MESSAGES = env.int("MESSAGE_DIGEST_MAX_MESSAGES", default=100)

if MESSAGE_MAX_LINKS < 0 or min(MESSAGE_ACKNOWLEDGE_INTERVAL, MESSAGE_BOARD_PAGE_SIZE) < 1:
    raise ImproperlyConfigured(
        "MESSAGE_MAX_LINKS must be 0 or more; MESSAGE_ACKNOWLEDGE_INTERVAL and "
        "MESSAGE_BOARD_PAGE_SIZE 1 or more."
    )
