"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live
server. One browser per session, a fresh context (cookies, storage) per test.

Every module here is marked `browser`: `pytest -m browser` runs only these, `-m "not browser"`
skips them; they test templates, CSS and scripts, so one database backend is enough for them.
"""

import mimetypes
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser(migrated_rows):  # read before Playwright starts: see database_as_migrated
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    # Playwright's sync API keeps an event loop in this thread; Django's async-safety check
    # would take the tests' own ORM calls for calls from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup):
    """The rows that migrations create (the Editors and Message handlers groups, permissions),
    as Django serialized them when it set up the test database."""
    from django.db import connection

    rows = getattr(connection, "_test_serialized_contents", None)
    if rows is None:
        pytest.fail("The test database was not serialized: request django_db_serialized_rollback")
    return rows


@pytest.fixture(autouse=True)
def database_as_migrated(live_server, django_db_serialized_rollback, migrated_rows):
    """Each test starts from the database as migrations left it: a transactional test's flush
    removes the groups that data migrations create. Django's serialized rollback would restore
    them, but it looks for the rows on the connection object it stored them on, and tests get
    another one once Playwright's event loop runs in this thread. Autouse, so that it runs
    before the fixtures that create data."""
    from django.db import connection

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_rows)


@pytest.fixture
def site(live_server):
    """The live server's base URL."""
    return live_server.url


def serve_media(route):
    """Serve MEDIA_ROOT as the production web server would; the live server serves only static."""
    name = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / name).resolve()
    if file.is_relative_to(root) and file.is_file():
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(path=file, content_type=content_type)
    else:
        route.fulfill(status=404, body="Not found")


@pytest.fixture
def new_context(browser, site):
    """Make a browser context (a fresh profile); all are closed after the test."""
    contexts = []

    def make(width=1280, height=900, **options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=site, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(re.compile(r"^https?://[^/]+" + re.escape(settings.MEDIA_URL)), serve_media)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context. Uncaught JavaScript errors fail the test."""
    page = new_context().new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory):
    """Where the first `demo_content` leaves a copy of the demo rows and files for the others."""
    return tmp_path_factory.mktemp("demo-snapshot")


@pytest.fixture
def demo_content(site, settings, demo_snapshot):
    """The demo categories and articles (covers, tables, lists, a Chinese title), as `make run`
    shows them. `loaddemo` draws its covers with Pillow, which takes seconds; so it runs once,
    and later tests load a copy of its rows and files."""
    rows, media = demo_snapshot / "demo.json", demo_snapshot / "media"
    if rows.exists():
        call_command("loaddata", rows, verbosity=0)
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        return
    call_command("loaddemo", verbosity=0)
    call_command("dumpdata", "articles.category", "articles.article", output=rows, verbosity=0)
    shutil.copytree(settings.MEDIA_ROOT, media)
