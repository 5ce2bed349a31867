"""manage.py purge_messages: retention of old messages, with a dry run."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from online_messages.models import Message, PostCounter

pytestmark = pytest.mark.django_db


def purge(*args, verbosity=1):
    out = io.StringIO()
    call_command("purge_messages", *args, stdout=out, verbosity=verbosity)
    return out.getvalue().strip()


@pytest.fixture
def inbox(make_message):
    """Three messages older than 30 days (spam, new, archived) and two recent ones."""
    return {
        "old_spam": make_message(age=timedelta(days=40), status=Message.Status.SPAM),
        "old_new": make_message(age=timedelta(days=31)),
        "old_archived": make_message(age=timedelta(days=100), status=Message.Status.ARCHIVED),
        "recent_spam": make_message(age=timedelta(days=29), status=Message.Status.SPAM),
        "recent": make_message(age=timedelta(hours=1)),
    }


def remaining():
    return set(Message.objects.values_list("pk", flat=True))


def test_dry_run_reports_and_deletes_nothing(inbox):
    output = purge("--older-than", "30", "--dry-run")
    assert output == "Would delete 3 messages older than 30 days (statuses: all)."
    assert Message.objects.count() == 5


def test_purge_deletes_only_messages_older_than_the_days(inbox):
    output = purge("--older-than", "30")
    assert output == "Deleted 3 messages older than 30 days (statuses: all)."
    assert remaining() == {inbox["recent_spam"].pk, inbox["recent"].pk}


def test_purge_limited_to_statuses(inbox):
    output = purge("--older-than", "30", "--status", "spam,archived")
    assert output == "Deleted 2 messages older than 30 days (statuses: spam, archived)."
    assert remaining() == {inbox["old_new"].pk, inbox["recent_spam"].pk, inbox["recent"].pk}


def test_dry_run_with_statuses_and_singular_wording(inbox):
    output = purge("--older-than=30", "--status=spam", "--dry-run")
    assert output == "Would delete 1 message older than 30 days (statuses: spam)."
    assert Message.objects.count() == 5


def test_nothing_to_purge(inbox):
    assert purge("--older-than", "365") == "Deleted 0 messages older than 365 days (statuses: all)."
    assert Message.objects.count() == 5


def test_quiet_at_verbosity_zero(inbox):
    assert purge("--older-than", "30", verbosity=0) == ""
    assert Message.objects.count() == 2


@pytest.mark.parametrize("days", ["0", "-5", "ten", "1.5", "", "99999999999"])
def test_bad_days_are_refused(inbox, days):
    with pytest.raises(CommandError, match="--older-than must be a whole number of days"):
        purge("--older-than", days)
    assert Message.objects.count() == 5


@pytest.mark.parametrize("statuses", ["junk", "spam,junk", ",", ""])
def test_unknown_statuses_are_refused(inbox, statuses):
    with pytest.raises(CommandError, match="--status takes a comma-separated list of: new, read"):
        purge("--older-than", "30", "--status", statuses)
    assert Message.objects.count() == 5


def test_older_than_is_required(inbox):
    with pytest.raises(CommandError, match="--older-than"):
        purge()


def test_purge_also_deletes_rate_counts_whose_window_is_over(settings):
    window = timedelta(seconds=settings.MESSAGE_RATE_WINDOW)
    now = timezone.now()
    PostCounter.objects.hit("192.0.2.1", 5, window, now=now - window)
    PostCounter.objects.hit("192.0.2.2", 5, window, now=now - window / 2)
    # An acknowledgement's counter lasts its own, longer window.
    PostCounter.objects.hit("ack:someone", 1, window * 6, now=now - window)
    purge("--older-than", "30", "--dry-run")
    assert PostCounter.objects.count() == 3
    purge("--older-than", "30")
    assert sorted(PostCounter.objects.values_list("key", flat=True)) == ["192.0.2.2", "ack:someone"]
