"""Settings for counting article views (articles.readership), read from the environment.

In a module of their own, as the settings file has no room left; settings.py imports them.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

__all__ = ["ARTICLE_VIEWS_RATE_LIMIT", "ARTICLE_VIEWS_RATE_WINDOW", "ARTICLE_VIEWS_WRITE_INTERVAL"]

env = environ.Env()

# Beacons counted per address (an IPv4 address, an IPv6 /64) and window (seconds). Readers
# behind one company address share them, so the limit is generous.
ARTICLE_VIEWS_RATE_LIMIT = env.int("ARTICLE_VIEWS_RATE_LIMIT", default=60)
ARTICLE_VIEWS_RATE_WINDOW = env.int("ARTICLE_VIEWS_RATE_WINDOW", default=60)
# Seconds between batches: the beacon queues one at most this often, to run at its end.
ARTICLE_VIEWS_WRITE_INTERVAL = env.int("ARTICLE_VIEWS_WRITE_INTERVAL", default=60)

if min(ARTICLE_VIEWS_RATE_LIMIT, ARTICLE_VIEWS_RATE_WINDOW, ARTICLE_VIEWS_WRITE_INTERVAL) < 1:
    raise ImproperlyConfigured(
        "ARTICLE_VIEWS_RATE_LIMIT, ARTICLE_VIEWS_RATE_WINDOW and ARTICLE_VIEWS_WRITE_INTERVAL "
        "must be 1 or more."
    )
