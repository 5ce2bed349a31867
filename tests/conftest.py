"""Shared fixtures: small factories for the models, and a throwaway media folder per test."""

import itertools
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.backends import jinja2 as jinja2_backend
from django.test.signals import template_rendered
from django.utils import timezone, translation

from articles.models import Article, Category
from online_messages.models import Message
from tests.media import image_bytes

_sequence = itertools.count(1)


@pytest.fixture(autouse=True, scope="session")
def jinja2_pages_report_their_context():
    """`response.context` and `response.templates` for the public pages, Jinja2 templates.

    The test client learns them from the `template_rendered` signal, which Django's test set-up
    makes only its own templates send. Sent after rendering, with the context as rendered:
    the view's, the request, the CSRF token and the context processors'.
    """
    render = jinja2_backend.Template.render

    def render_and_report(self, context=None, request=None):
        context = {} if context is None else context
        page = render(self, context, request)  # which adds the request's part to `context`
        template_rendered.send(sender=self, template=self.template, context=context)
        return page

    jinja2_backend.Template.render = render_and_report
    yield
    jinja2_backend.Template.render = render


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Hashed static names need `collectstatic` first; pages under test don't depend on them."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made and logged in by the hundred; the hasher's cost is not what is under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request for a /zh-hans/ page leaves Chinese
    active in the thread that ran it, as Django's LocaleMiddleware does in a worker."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: no cached pages, no freshness record, no throttles."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def make_category(db):
    def make(**fields):
        n = next(_sequence)
        fields.setdefault("name", f"Category {n}")
        fields.setdefault("slug", f"category-{n}")
        return Category.objects.create(**fields)

    return make


@pytest.fixture
def category(make_category):
    return make_category(name="Company News", slug="company-news", position=1)


@pytest.fixture
def make_article(db, category):
    """Create an article; published a minute ago unless told otherwise."""

    def make(**fields):
        n = next(_sequence)
        fields.setdefault("title", f"Article number {n}")
        fields.setdefault("category", category)
        fields.setdefault("summary", f"Summary of article {n}.")
        fields.setdefault("body", f"<p>Body of article {n}.</p>")
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(minutes=1))
        return Article.objects.create(**fields)

    return make


@pytest.fixture
def image_upload():
    """A real JPEG, as a browser would upload it."""

    def make(name="cover.jpg", **kwargs):
        return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")

    return make


@pytest.fixture
def make_editor(db):
    """A staff user in the Editors group, as an administrator would set one up."""

    def make(username="editor"):
        user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
        return user

    return make


@pytest.fixture
def editor(make_editor):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def make_message(db):
    """Create a message; received a minute ago and new unless told otherwise."""

    def make(age=timedelta(minutes=1), **fields):
        n = next(_sequence)
        fields.setdefault("name", f"Sender {n}")
        fields.setdefault("email", f"sender{n}@example.com")
        fields.setdefault("content", f"Message number {n}.")
        fields.setdefault("created_at", timezone.now() - age)
        return Message.objects.create(**fields)

    return make


@pytest.fixture
def handler(django_user_model):
    """A staff user in the Message handlers group, as the data migration sets it up."""
    user = django_user_model.objects.create_user("handler", password="handler-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Message handlers"))
    return user


@pytest.fixture
def handler_client(client, handler):
    client.force_login(handler)
    return client


# --- Media in an S3 bucket (tests/s3_storage.py) --------------------------------------------


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server, started once per test process (each xdist worker starts its own)."""
    from tests.s3_storage import S3Server

    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, settings, monkeypatch):
    """The site's uploads go to a new bucket on the S3 server, as AWS_STORAGE_BUCKET_NAME sets."""
    import ckeditor_uploader.utils
    import ckeditor_uploader.views
    from django.core.files.storage import default_storage

    from articles import editor_uploads
    from tests.s3_storage import use_bucket

    bucket = s3_server.new_bucket()
    use_bucket(settings, s3_server, bucket)
    # Django resets default_storage when STORAGES changes; ckeditor_uploader's own lazy
    # DefaultStorage keeps the storage it first met, so its users get the reset one instead.
    for module in (ckeditor_uploader.utils, ckeditor_uploader.views, editor_uploads):
        monkeypatch.setattr(module, "storage", default_storage)
    yield bucket
    bucket.remove()


@pytest.fixture(params=["local", "s3"])
def stored_media(request, media_root):
    """Run the test with the uploads in MEDIA_ROOT, then in an S3 bucket; what is stored there."""
    if request.param == "s3":
        return request.getfixturevalue("s3_bucket")
    from tests.media import LocalMedia

    return LocalMedia(media_root)
