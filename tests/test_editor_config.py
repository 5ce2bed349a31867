"""The editor offers only what survives saving, and loads nothing that embeds or runs content."""

import html
import json
import re

from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse

from articles.sanitizer import ALLOWED_TAGS

NEVER_LOADED = {"preview", "iframe", "flash", "codesnippet", "forms", "templates", "embed"}


def editor_config(client):
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    return json.loads(html.unescape(re.search(r'data-config="([^"]*)"', page).group(1)))


def test_editor_loads_a_fixed_plugin_list_without_embedding_plugins(editor_client):
    config = editor_config(editor_client)

    plugins = set(config["plugins"].split(","))
    assert {"basicstyles", "link", "image2", "table", "uploadimage"} <= plugins
    assert not plugins & NEVER_LOADED
    assert "extraPlugins" not in config or not set(config["extraPlugins"].split(",")) & NEVER_LOADED


def test_editor_allowed_content_matches_the_sanitizer(editor_client):
    config = editor_config(editor_client)
    tags_only = re.sub(r"\[[^\]]*\]", "", config["allowedContent"])  # drop [attribute] lists
    allowed = set(re.findall(r"[a-z][a-z0-9]*", tags_only))

    assert allowed == ALLOWED_TAGS
    assert "*[on*]" in config["disallowedContent"]
    assert "*{*}" in config["disallowedContent"]  # no inline styles


def test_editor_uploads_go_to_the_guarded_upload_view(editor_client):
    config = editor_config(editor_client)
    assert config["filebrowserUploadUrl"] == reverse("ckeditor_upload")


def test_editor_uploads_by_xhr_with_the_csrf_token_as_a_header(editor_client):
    """The Upload tab and pasted or dropped images go through CKEditor's fileTools (XHR), and the
    page loads the script that gives fileTools the form's CSRF token, after ckeditor.js."""
    config = editor_config(editor_client)
    page = editor_client.get(reverse("admin:articles_article_add")).content.decode()

    assert config["filebrowserUploadMethod"] == "xhr"
    assert config["imageUploadUrl"] == reverse("ckeditor_upload")  # pasted and dropped images
    assert re.search(r'<script src="/static/js/editor-csrf\.js" defer>', page)
    assert 'name="csrfmiddlewaretoken"' in page


# --- Static files -----------------------------------------------------------------------------


def referenced_static_files(template):
    return set(re.findall(r"""{% static ["']([^"']+)["'] %}""", template))


def test_collectstatic_leaves_out_ckeditors_sample_and_test_pages(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    call_command("collectstatic", interactive=False, verbosity=0)

    collected = {
        path.relative_to(settings.STATIC_ROOT).as_posix()
        for path in settings.STATIC_ROOT.rglob("*")
        if path.is_file()
    }
    assert [name for name in collected if name.endswith((".html", ".htm"))] == []
    for folder in ("samples", "tests", "dev"):
        assert not [name for name in collected if f"/{folder}/" in name], folder
    assert not [name for name in collected if "jush" in name or "galleriffic-1" in name]
    # What the editor and its file browser load is still there.
    browse = get_template("ckeditor/browse.html").template.source
    needed = {
        "ckeditor/ckeditor/ckeditor.js",
        "ckeditor/ckeditor-init.js",
        "ckeditor/ckeditor/plugins/image2/dialogs/image2.js",
        "ckeditor/ckeditor/plugins/link/dialogs/link.js",
        "ckeditor/ckeditor/plugins/table/dialogs/table.js",
        "ckeditor/ckeditor/skins/moono-lisa/editor.css",
        "ckeditor/galleriffic/css/loader.gif",  # galleriffic-2.css shows it
        "js/editor-csrf.js",
        *referenced_static_files(browse),
    }
    assert needed - collected == set()
