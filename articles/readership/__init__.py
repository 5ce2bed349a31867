"""Article views: counted without a database write per view, even for cached pages.

How a view is counted. The article page, cached or not, carries the address of its beacon;
static/js/reading.js POSTs to it once per browser session and article. The beacon (beacon.py)
is never cached and refuses cross-site requests (Sec-Fetch-Site, else Origin: it takes no CSRF
token, since a cached page carries none). It skips bots (their user agents) and staff (their
session is readable there), allows each address ARTICLE_VIEWS_RATE_LIMIT beacons per
ARTICLE_VIEWS_RATE_WINDOW seconds, and counts only a published article (one indexed query).
Then it adds one to the article's counter for the day in the cache (counters.py).

Where the counts wait: the "default" cache, beside the page cache's freshness record, not the
"pages" cache, where a flood of stored pages would cull them. Nothing a flood controls adds keys
there: counters exist only for published articles and the last COUNTER_TIMEOUT days, a new
counter is announced once (the cache cannot list keys, so the batch learns of them that way),
and the rate limit has a fixed number of slots. With Redis (allkeys-lru, README) a counter
idle for long may still go before a page: at most the views of a rarely read article.

How they reach the database (batch.py): the beacon queues a task at most once per
ARTICLE_VIEWS_WRITE_INTERVAL, to run at the interval's end; `manage.py write_article_views`
does the same by hand. A batch claims each counter's count by subtracting it atomically, so
views counted meanwhile are kept, and adds it to DailyViews. DailyViews is not something the
pages show, so writing it leaves them cached, except when the five "Most read" of the home page
change: checked at most every MOST_READ_REFRESH seconds, since that makes every page stale.

What it costs in accuracy: a view counts once per browser session; visitors without JavaScript
or behind a blocker are not counted; a rate limit shared by many readers behind one address
(a company network) caps what they add; views not written within COUNTER_TIMEOUT, or lost with
the cache, are gone; "Most read" may lag the counts by MOST_READ_REFRESH.
"""

from .batch import most_read, window_start, write_views, write_views_task
from .beacon import read
from .counters import counter_key

__all__ = ["counter_key", "most_read", "read", "window_start", "write_views", "write_views_task"]
