"""Email sent by the task worker with automatic retries: what the staff notification
(tasks.py) and the staff's replies (replying.py) share.

Each of them records its attempts on its own row and claims each attempt there first; these
helpers only queue the next attempt, log what happened and hand work to the queue.
"""

import logging
from datetime import timedelta

from django.utils import timezone


def describe(error):
    """An exception as it is recorded on the row: its type and its text."""
    return f"{type(error).__name__}: {error}"


def retry_delay(delays, attempts):
    """Seconds to wait after `attempts` failed attempts before the next one; None: give up."""
    return delays[attempts - 1] if 0 < attempts <= len(delays) else None


def schedule_retry(task, delays, attempts, *args, **kwargs):
    """Queue attempt `attempts + 1` of `task` after its delay; returns when it runs, or None."""
    delay = retry_delay(delays, attempts)
    if delay is None or not task.get_backend().supports_defer:
        return None  # Out of attempts, or tasks run in-process (`make run`): staff retry.
    run_after = timezone.now() + timedelta(seconds=delay)
    task.using(run_after=run_after).enqueue(*args, attempt=attempts + 1, **kwargs)
    return run_after


def log_failure(logger, what, attempt, error, retry_at):
    """A failed attempt: a warning while retries remain, an error once they are spent."""
    logger.log(
        logging.WARNING if retry_at else logging.ERROR,
        "%s failed (attempt %s): %s. %s",
        what,
        attempt,
        error,
        f"Trying again after {retry_at:%Y-%m-%d %H:%M:%S %Z}." if retry_at else "Giving up.",
    )


def enqueue_or_record(logger, what, record_failure, task, *args, **kwargs):
    """Hand work to the task queue. A failure is logged and recorded with `record_failure`,
    never raised: the request that queued it has already been answered or committed."""
    try:
        task.enqueue(*args, **kwargs)
    except Exception as error:
        logger.exception("Could not queue %s.", what)
        try:
            record_failure(f"Not queued: {describe(error)}")
        except Exception:
            logger.exception("Could not record that failure for %s.", what)
