"""Fixtures of the article-view tests."""

from datetime import timedelta

import pytest

from .helpers import DATABASE_TASKS, NOON


@pytest.fixture
def article(make_article):
    """Published long enough ago for the tests that travel back a few days."""
    return make_article(title="Hydrogen plant opens", publish_at=NOON - timedelta(days=10))


@pytest.fixture
def database_tasks(settings):
    """Tasks stored for `db_worker`, as in production: nothing runs inside the beacon."""
    settings.TASKS = DATABASE_TASKS
