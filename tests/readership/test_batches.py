"""Article views kept in the cache and written to DailyViews in batches, by the task the beacon
queues or by `manage.py write_article_views`."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import DailyViews
from articles.readership import batch, counter_key

from .helpers import (
    NOON,
    beacon,
    stored_views,
    write_batch,
)


def test_the_batch_is_queued_for_the_end_of_the_interval(article, database_tasks, settings):
    settings.ARTICLE_VIEWS_WRITE_INTERVAL = 120
    for n in range(5):
        beacon(article, ip=f"192.0.2.{n}")
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "articles.readership.batch.write_views_task"
    wait = task.run_after - timezone.now()
    assert timedelta(seconds=110) < wait <= timedelta(seconds=120)


def test_in_process_tasks_write_at_once(article):
    """`make run` (and these tests) run tasks in the request: the first view is written."""
    beacon(article)
    assert stored_views(article) == 1


def test_views_counted_during_a_batch_wait_for_the_next(article, database_tasks, monkeypatch):
    for n in range(3):
        beacon(article, ip=f"192.0.2.{n}")
    save_counts = batch.save_counts

    def save_while_a_visitor_reads(counts):
        beacon(article, ip="192.0.2.99")
        return save_counts(counts)

    monkeypatch.setattr(batch, "save_counts", save_while_a_visitor_reads)
    write_batch()
    assert stored_views(article) == 3
    monkeypatch.setattr(batch, "save_counts", save_counts)
    write_batch()
    assert stored_views(article) == 4


def test_counts_stay_in_the_cache_when_the_database_refuses_them(
    article, database_tasks, monkeypatch
):
    for n in range(3):
        beacon(article, ip=f"192.0.2.{n}")

    def refuse(*args, **kwargs):
        raise DatabaseError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(DailyViews.objects, "bulk_create", refuse)
        with pytest.raises(DatabaseError):
            write_batch()
    assert stored_views() == 0
    write_batch()
    assert stored_views(article) == 3


def test_views_add_up_per_day_over_batches(article, database_tasks):
    with time_machine.travel(NOON - timedelta(days=1), tick=False):
        beacon(article, ip="192.0.2.1")
        beacon(article, ip="192.0.2.2")
    with time_machine.travel(NOON, tick=False):
        beacon(article, ip="192.0.2.3")
        write_batch()
        beacon(article, ip="192.0.2.4")
        write_batch()
    rows = dict(DailyViews.objects.values_list("day", "views"))
    assert rows == {NOON.date() - timedelta(days=1): 2, NOON.date(): 2}


def test_a_finished_day_leaves_the_cache(article, database_tasks):
    day = NOON.date() - timedelta(days=3)
    with time_machine.travel(NOON - timedelta(days=3), tick=False):
        beacon(article)
    with time_machine.travel(NOON, tick=False):
        write_batch()
        assert cache.get(counter_key(article.pk, day)) is None
        write_batch()
    assert dict(DailyViews.objects.values_list("day", "views")) == {day: 1}


def test_views_survive_the_loss_of_the_writers_record(article, database_tasks):
    beacon(article, ip="192.0.2.1")
    write_batch()
    beacon(article, ip="192.0.2.2")  # its counter exists: nothing new is announced
    cache.delete(batch.STATE_KEY)
    write_batch()
    assert stored_views(article) == 2


def test_a_deleted_article_is_left_out(article, make_article, database_tasks):
    other = make_article()
    beacon(article, ip="192.0.2.1")
    beacon(other, ip="192.0.2.2")
    article.delete()
    write_batch()
    assert list(DailyViews.objects.values_list("article", "views")) == [(other.pk, 1)]


def test_the_command_reports_and_one_batch_runs_at_a_time(article, database_tasks, capsys):
    beacon(article)
    call_command("write_article_views")
    assert "Wrote 1 view to the database." in capsys.readouterr().out
    cache.add(batch.LOCK_KEY, True, 60)
    with pytest.raises(CommandError, match="Another batch"):
        write_batch()
